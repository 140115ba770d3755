import { diffArrays, diffWords } from "diff";
import { bodyText } from "./render";
import { parseStructure, structureLines } from "./structure";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

const kindOf = (part: { added?: boolean; removed?: boolean }): DiffPart["kind"] =>
  part.added ? "added" : part.removed ? "removed" : "same";

/** Word-level differences between two revisions' text (title, excerpt and body). */
export function compareRevisions(
  older: { title: string; excerpt: string; bodyHtml: string },
  newer: { title: string; excerpt: string; bodyHtml: string },
): DiffPart[] {
  const text = (r: typeof older) => `${r.title}\n\n${r.excerpt}\n\n${bodyText(r.bodyHtml)}`;
  return diffWords(text(older), text(newer)).map((part) => ({ kind: kindOf(part), text: part.value }));
}

/**
 * Line-level differences between two revisions' forecast tables and vigilance notices (one line per
 * cell or field, each ending with a newline). Empty when neither has any; null when one of them was
 * written before revisions kept them (nothing to compare with).
 */
export function compareDetails(older: { details: unknown }, newer: { details: unknown }): DiffPart[] | null {
  const [before, after] = [parseStructure(older.details), parseStructure(newer.details)];
  if (!before || !after) return null;
  return diffArrays(structureLines(before), structureLines(after)).map((part) => ({
    kind: kindOf(part),
    text: part.value.map((line) => `${line}\n`).join(""),
  }));
}

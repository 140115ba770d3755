import { diffWords } from "diff";
import { bodyText } from "./render";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Word-level differences between two revisions' text (title, excerpt and body). */
export function compareRevisions(
  older: { title: string; excerpt: string; bodyHtml: string },
  newer: { title: string; excerpt: string; bodyHtml: string },
): DiffPart[] {
  const text = (r: typeof older) => `${r.title}\n\n${r.excerpt}\n\n${bodyText(r.bodyHtml)}`;
  return diffWords(text(older), text(newer)).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}

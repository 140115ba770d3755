/**
 * WordPress shortcodes (pure): only the names WordPress core registers, and those of the
 * association's plugins given to the import, are shortcodes — any other text in square brackets
 * ("[MAJ 18h]", "[en mm]") is text. The grammar is WordPress's own (get_shortcode_regex): enclosing
 * or self-closing tags, and `[[name]]` for a literal "[name]".
 */

/** Shortcodes of WordPress core that the import converts. */
export const CORE_SHORTCODES = ["caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"];

export interface Shortcode {
  name: string;
  attributes: Record<string, string>;
  /** positional attributes ([embed] https://… has none; some plugins use them) */
  positional: string[];
  /** content of an enclosing shortcode, or null */
  content: string | null;
}

const escapeRegExp = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function pattern(names: string[]): RegExp {
  const tag = names.map(escapeRegExp).join("|");
  return new RegExp(
    `\\[(\\[?)(${tag})(?![\\w-])([^\\]\\/]*(?:\\/(?!\\])[^\\]\\/]*)*?)(?:(\\/)\\]|\\](?:([^\\[]*(?:\\[(?!\\/\\2\\])[^\\[]*)*)(\\[\\/\\2\\]))?)(\\]?)`,
    "gi",
  );
}

/** WordPress's shortcode_parse_atts. */
export function parseAttributes(raw: string): { attributes: Record<string, string>; positional: string[] } {
  const attributes: Record<string, string> = {};
  const positional: string[] = [];
  const text = raw.replace(/[\u00a0\u200b]/g, " ");
  for (const m of text.matchAll(
    /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g,
  )) {
    if (m[1]) attributes[m[1].toLowerCase()] = m[2];
    else if (m[3]) attributes[m[3].toLowerCase()] = m[4];
    else if (m[5]) attributes[m[5].toLowerCase()] = m[6];
    else positional.push(m[7] ?? m[8] ?? m[9]);
  }
  return { attributes, positional };
}

/**
 * Replaces every shortcode of `names` by what `convert` returns (shortcodes inside an enclosing one's
 * content are the converter's to handle); `[[name]]` becomes the literal "[name]".
 */
export function replaceShortcodes(
  text: string,
  names: string[],
  convert: (shortcode: Shortcode) => string,
): string {
  if (names.length === 0) return text;
  return text.replace(pattern(names), (all, open, name, raw, _self, content, _close, end) => {
    if (open === "[" && end === "]") return all.slice(1, -1);
    return `${open}${convert({ name: name.toLowerCase(), ...parseAttributes(raw), content: content ?? null })}${end}`;
  });
}

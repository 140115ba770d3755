import { mergeAttributes, Node } from "@tiptap/core";

/**
 * Tiptap nodes of the article editor, mapped to the stored HTML: a figure (image of the media
 * library with its caption) and a station block (`<div data-embed>` placeholder, rendered live on
 * the site by components/articles/StationEmbed.tsx).
 */

export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: null }, alt: { default: "" }, caption: { default: "" } };
  },
  parseHTML() {
    return [
      {
        tag: "figure",
        getAttrs: (element) => {
          const img = (element as HTMLElement).querySelector("img");
          if (!img) return false;
          return {
            src: img.getAttribute("src"),
            alt: img.getAttribute("alt") ?? "",
            caption: (element as HTMLElement).querySelector("figcaption")?.textContent ?? "",
          };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const { src, alt, caption } = node.attrs as { src: string; alt: string; caption: string };
    const image = ["img", { src, alt }] as const;
    return caption ? ["figure", {}, image, ["figcaption", {}, caption]] : ["figure", {}, image];
  },
});

export const EMBED_LABEL: Record<string, string> = {
  "station-chart": "Graphique 24 h",
  "station-current": "Conditions actuelles",
};

export const StationBlock = Node.create({
  name: "stationBlock",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      kind: { default: "station-current", parseHTML: (el) => el.getAttribute("data-embed") },
      station: { default: "", parseHTML: (el) => el.getAttribute("data-station") },
      field: { default: "outTemp", parseHTML: (el) => el.getAttribute("data-field") ?? "outTemp" },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-embed^="station-"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { kind, station, field } = node.attrs as { kind: string; station: string; field: string };
    const attributes = mergeAttributes(
      { "data-embed": kind, "data-station": station, class: "editor-embed" },
      kind === "station-chart" ? { "data-field": field } : {},
    );
    delete (attributes as Record<string, unknown>).kind;
    void HTMLAttributes;
    return [
      "div",
      attributes,
      `${EMBED_LABEL[kind] ?? kind} — ${station}${kind === "station-chart" ? ` (${field})` : ""}`,
    ];
  },
});

/** A video or post of another site (lib/articles/external.ts), kept as it is: provider, id and title. */
export const ExternalBlock = Node.create({
  name: "externalBlock",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      provider: { default: "", parseHTML: (el) => el.getAttribute("data-provider") },
      ref: { default: "", parseHTML: (el) => el.getAttribute("data-ref") },
      title: { default: "", parseHTML: (el) => el.getAttribute("data-title") ?? "" },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-embed="external"]' }];
  },
  renderHTML({ node }) {
    const { provider, ref, title } = node.attrs as { provider: string; ref: string; title: string };
    return [
      "div",
      {
        "data-embed": "external",
        "data-provider": provider,
        "data-ref": ref,
        "data-title": title,
        class: "editor-embed",
      },
      `Vidéo ou publication (${provider}) — ${title || ref}`,
    ];
  },
});

import { Extension, Mark, Node } from "@tiptap/core";

/**
 * What the article editor has no tool for, kept exactly when an article is opened and saved again
 * (imported WordPress posts above all: galleries, players, folding details, columns, buttons, page
 * breaks, footnotes, definition lists, aligned or linked figures, text formatting, alignment classes).
 *
 * Blocks the editor cannot edit are atoms that carry their HTML as it was stored (sanitised by the
 * server, and sanitised again at every save): they can be moved or deleted, and show a summary in the
 * editor. What is pasted goes through the same nodes: anything that could run is taken out on the way
 * in (the server's allow-list does the real sanitising at the save).
 */

interface KeptKind {
  /** CSS selector of the elements kept whole */
  selector: string;
  /** what the editor shows of it */
  label: (element: Element) => string;
  /** false for elements of that selector that the editor's own nodes represent exactly */
  when?: (element: Element) => boolean;
}

const count = (element: Element, selector: string) => element.querySelectorAll(selector).length;

/** A figure the editor's own Figure node writes back identically: <figure><img src alt><figcaption>text. */
function plainFigure(figure: Element): boolean {
  const [image, caption, ...rest] = [...figure.children];
  return (
    figure.attributes.length === 0 &&
    image?.tagName === "IMG" &&
    [...image.attributes].every((a) => a.name === "src" || a.name === "alt") &&
    (!caption ||
      (caption.tagName === "FIGCAPTION" && caption.attributes.length === 0 && !caption.children.length)) &&
    rest.length === 0
  );
}

const KEPT_BLOCKS: KeptKind[] = [
  {
    selector: "div.gallery, div.wp-block-gallery, figure.wp-block-gallery",
    label: (e) => `Galerie de ${count(e, "img")} images`,
  },
  { selector: "div.playlist", label: (e) => `Liste de lecture de ${count(e, "video, audio")} fichiers` },
  { selector: "details", label: () => "Bloc repliable" },
  { selector: "div.wp-block-columns", label: (e) => `${e.children.length} colonnes` },
  { selector: "div.wp-block-buttons", label: () => "Boutons" },
  { selector: "div.wp-block-media-text", label: () => "Média et texte côte à côte" },
  { selector: "p.page-break", label: () => "Saut de page" },
  { selector: "ol.footnotes", label: () => "Notes de bas de page" },
  { selector: "dl", label: () => "Liste de définitions" },
  { selector: "video, audio, figure.player", label: () => "Lecteur" },
  {
    // Images with a link, a class (alignment) or a formatted caption; players; anything but tables.
    selector: "figure",
    label: (e) =>
      e.querySelector("video, audio") ? "Lecteur" : e.querySelector("img") ? "Image" : "Bloc importé",
    when: (e) => !plainFigure(e) && !e.querySelector("table"),
  },
];

function summary(element: Element): string {
  const text = (element.textContent ?? "").replace(/\s+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** The stored HTML back as an element, parsed in an inert template (nothing loads, nothing runs). */
function elementFrom(html: string): Element {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content.firstElementChild ?? document.createElement("p");
}

const RUNNABLE =
  "script, style, iframe, frame, frameset, object, embed, link, meta, base, template, svg, math, form";

/** The element's HTML without what could run once serialised in the page (handlers, scripts, javascript: links). */
function inertHtml(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const e of copy.querySelectorAll(RUNNABLE)) e.remove();
  for (const e of [copy, ...copy.querySelectorAll("*")])
    for (const { name, value } of [...e.attributes])
      if (
        /^on|^style$|^srcdoc$|^formaction$/i.test(name) ||
        /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\s\0]/g, ""))
      )
        e.removeAttribute(name);
  return copy.outerHTML;
}

export const KeptBlock = Node.create({
  name: "keptBlock",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      html: { default: "", parseHTML: inertHtml, renderHTML: () => ({}) },
      label: {
        default: "",
        parseHTML: (element) =>
          KEPT_BLOCKS.find((kind) => element.matches(kind.selector) && (kind.when?.(element) ?? true))?.label(
            element,
          ) ?? "",
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return KEPT_BLOCKS.map((kind) => ({
      tag: kind.selector,
      priority: 100,
      getAttrs: (element: HTMLElement) => (kind.when && !kind.when(element) ? false : null),
    }));
  },
  renderHTML({ node }) {
    return elementFrom(node.attrs.html as string);
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("div");
      dom.className = "editor-embed editor-kept";
      const title = document.createElement("strong");
      title.textContent = node.attrs.label as string;
      const text = document.createElement("span");
      text.textContent = ` ${summary(elementFrom(node.attrs.html as string))}`;
      dom.append(title, text);
      return { dom };
    };
  },
});

/** Footnote calls (<sup data-fn>): kept whole, their anchors with them. */
export const KeptInline = Node.create({
  name: "keptInline",
  group: "inline",
  inline: true,
  atom: true,
  addAttributes() {
    return { html: { default: "", parseHTML: inertHtml, renderHTML: () => ({}) } };
  },
  parseHTML() {
    return [{ tag: "sup[data-fn]", priority: 100 }];
  },
  renderHTML({ node }) {
    return elementFrom(node.attrs.html as string);
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("sup");
      dom.textContent = elementFrom(node.attrs.html as string).textContent;
      return { dom };
    };
  },
});

/** Text-level elements written back as they came (with their class, and an abbreviation's title). */
const keptMark = (tag: string) =>
  Mark.create({
    name: `kept-${tag}`,
    inclusive: false,
    addAttributes() {
      return {
        class: { default: null },
        ...(tag === "abbr" ? { title: { default: null } } : {}),
      };
    },
    // Above StarterKit's Strike, which would write <del> back as <s>.
    parseHTML: () => [{ tag, priority: 60 }],
    renderHTML: ({ HTMLAttributes }) => [tag, HTMLAttributes, 0],
  });

const KEPT_MARKS = ["sup", "sub", "mark", "small", "abbr", "cite", "q", "kbd", "ins", "del"].map(keptMark);

/** Classes (alignment, WordPress's block classes) and list numbering kept on the editor's own blocks. */
export const KeptAttributes = Extension.create({
  name: "keptAttributes",
  addGlobalAttributes() {
    const attribute = (name: string) => ({
      default: null,
      keepOnSplit: false,
      parseHTML: (element: HTMLElement) => element.getAttribute(name),
      renderHTML: (attributes: Record<string, unknown>) =>
        attributes[name] === null || attributes[name] === undefined ? {} : { [name]: attributes[name] },
    });
    return [
      {
        types: [
          "paragraph",
          "heading",
          "blockquote",
          "bulletList",
          "orderedList",
          "listItem",
          "codeBlock",
          "horizontalRule",
          "image",
        ],
        attributes: { class: attribute("class") },
      },
      { types: ["orderedList"], attributes: { type: attribute("type"), reversed: attribute("reversed") } },
    ];
  },
});

/** Everything above, for the editor's extensions. */
export const KEPT_CONTENT = [KeptBlock, KeptInline, KeptAttributes, ...KEPT_MARKS];

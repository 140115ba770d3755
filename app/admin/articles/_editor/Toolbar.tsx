"use client";

import type { Editor } from "@tiptap/react";

/**
 * The formatting toolbar; links, images and station blocks are asked for by the editor's dialogs
 * (`onLink`, `onImage`, `onStation`).
 */
export function Toolbar({
  editor,
  onLink,
  onImage,
  onStation,
}: {
  editor: Editor | null;
  onLink: () => void;
  onImage: () => void;
  onStation: (kind: "station-chart" | "station-current") => void;
}) {
  const tool = (label: string, action: () => void, active = false) => (
    <button type="button" onClick={action} aria-pressed={active} className={active ? "active" : undefined}>
      {label}
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label="Mise en forme">
      {tool("Gras", () => editor?.chain().focus().toggleBold().run(), editor?.isActive("bold"))}
      {tool("Italique", () => editor?.chain().focus().toggleItalic().run(), editor?.isActive("italic"))}
      {tool(
        "Titre",
        () => editor?.chain().focus().toggleHeading({ level: 2 }).run(),
        editor?.isActive("heading", { level: 2 }),
      )}
      {tool(
        "Sous-titre",
        () => editor?.chain().focus().toggleHeading({ level: 3 }).run(),
        editor?.isActive("heading", { level: 3 }),
      )}
      {tool("Liste", () => editor?.chain().focus().toggleBulletList().run(), editor?.isActive("bulletList"))}
      {tool(
        "Liste numérotée",
        () => editor?.chain().focus().toggleOrderedList().run(),
        editor?.isActive("orderedList"),
      )}
      {tool(
        "Citation",
        () => editor?.chain().focus().toggleBlockquote().run(),
        editor?.isActive("blockquote"),
      )}
      {tool("Lien", onLink, editor?.isActive("link"))}
      {tool("Tableau", () =>
        editor?.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      )}
      {editor?.isActive("table") && (
        <>
          {tool("+ ligne", () => editor.chain().focus().addRowAfter().run())}
          {tool("+ colonne", () => editor.chain().focus().addColumnAfter().run())}
          {tool("Supprimer le tableau", () => editor.chain().focus().deleteTable().run())}
        </>
      )}
      {tool("Image", onImage)}
      {tool("Graphique station", () => onStation("station-chart"))}
      {tool("Conditions actuelles", () => onStation("station-current"))}
      {tool("Annuler", () => editor?.chain().focus().undo().run())}
      {tool("Rétablir", () => editor?.chain().focus().redo().run())}
    </div>
  );
}

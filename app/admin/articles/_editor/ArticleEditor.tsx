"use client";

import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type LibraryMedia, MediaPicker } from "@/components/admin/MediaPicker";
import { type ArticleStatus, type ArticleType, STATUS_LABEL } from "@/lib/articles/model";
import { mediaUrl, pickWidth } from "@/lib/media/urls";
import { saveArticleAction } from "../actions";
import { type EditorMessage, EditorSidebar } from "./EditorSidebar";
import { ForecastTable } from "./ForecastTable";
import { KEPT_CONTENT } from "./keptContent";
import { ExternalBlock, Figure, StationBlock } from "./nodes";
import { StationBlockFields } from "./StationBlockFields";
import { Toolbar } from "./Toolbar";
import type { EditorArticle, UpdateArticle } from "./types";
import { useAutosave } from "./useAutosave";
import { VigilanceFields } from "./VigilanceFields";

export type { EditorArticle } from "./types";

interface Props {
  article: EditorArticle;
  canPublish: boolean;
  types: ArticleType[];
  categories: { id: number; name: string }[];
  stations: { slug: string; name: string }[];
  today: string;
  now: string;
}

/**
 * The back-office article editor: Tiptap WYSIWYG (toolbar, station blocks), the forecast table or the
 * vigilance fields of those types, the sidebar with the metadata and the save buttons, autosave.
 * Saving goes through saveArticleAction (app/admin/articles/actions.ts).
 */
export function ArticleEditor({ article, canPublish, types, categories, stations, today, now }: Props) {
  const router = useRouter();
  const [id, setId] = useState(article.id);
  const [meta, setMeta] = useState({ ...article });
  const [message, setMessage] = useState<EditorMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const [picker, setPicker] = useState<null | "body" | "cover">(null);

  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4, 5, 6] },
        // Links keep their own target: a link of an imported post opens where it did.
        link: {
          openOnClick: false,
          protocols: ["http", "https", "mailto", "tel"],
          HTMLAttributes: { target: null, rel: null },
        },
      }),
      Image.configure({ inline: true }),
      Figure,
      StationBlock,
      ExternalBlock,
      ...KEPT_CONTENT,
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: article.bodyHtml,
    editorProps: {
      attributes: { class: "editor-content", "aria-label": "Texte de l'article", role: "textbox" },
    },
  });
  const autosave = useAutosave(id, editor, meta);

  const update: UpdateArticle = (key, value) => {
    autosave.changed();
    setMeta((m) => ({ ...m, [key]: value }));
  };

  async function save(status: ArticleStatus) {
    if (!editor) return;
    setSaving(true);
    setMessage(null);
    const payload = {
      type: meta.type,
      title: meta.title,
      slug: meta.slug,
      excerpt: meta.excerpt,
      bodyHtml: editor.getHTML(),
      coverId: meta.coverId,
      categoryIds: meta.categoryIds,
      tags: meta.tags,
      status,
      publishedAt: meta.publishedAt || null,
      forecast: meta.type === "FORECAST" ? meta.forecast : [],
      vigilance: meta.type === "VIGILANCE" ? meta.vigilance : null,
    };
    // A refused session or a lost connection rejects: the text stays in the editor, to save again.
    const result = await saveArticleAction(id, payload).catch(() => null);
    setSaving(false);
    if (!result?.ok) {
      setMessage({ kind: "error", text: result?.error ?? "Enregistrement impossible : réessayez." });
      return;
    }
    const saved = result.data;
    autosave.saved();
    setMeta((m) => ({ ...m, status: saved.status, slug: saved.slug }));
    setMessage({ kind: "ok", text: `Enregistré : ${STATUS_LABEL[saved.status].toLowerCase()}.` });
    if (!id) {
      setId(saved.id);
      router.replace(`/admin/articles/${saved.id}`);
    } else router.refresh();
  }

  function insertMedia(media: LibraryMedia) {
    if (picker === "cover") {
      update("coverId", media.id);
      update("coverUrl", mediaUrl(media.key, pickWidth(media, 480), "webp"));
    } else {
      const caption = window.prompt("Légende de l'image (facultative)", media.caption ?? "") ?? "";
      editor
        ?.chain()
        .focus()
        .insertContent({
          type: "figure",
          attrs: { src: mediaUrl(media.key, pickWidth(media, 960)), alt: media.alt, caption },
        })
        .run();
    }
    setPicker(null);
  }

  function insertStation(kind: "station-chart" | "station-current") {
    const station = stations[0]?.slug;
    if (!station) return;
    editor
      ?.chain()
      .focus()
      .insertContent({ type: "stationBlock", attrs: { kind, station, field: "outTemp" } })
      .run();
  }

  return (
    <div className="editor-layout">
      <div className="editor-main stack">
        <label>
          Titre
          <input
            name="title"
            value={meta.title}
            onChange={(e) => update("title", e.target.value)}
            maxLength={255}
            required
          />
        </label>
        <Toolbar editor={editor} onImage={() => setPicker("body")} onStation={insertStation} />
        <StationBlockFields editor={editor} stations={stations} />
        <EditorContent editor={editor} />
        <label>
          Chapô (résumé affiché dans les listes ; laissé vide, il est tiré du texte)
          <textarea
            name="excerpt"
            value={meta.excerpt}
            onChange={(e) => update("excerpt", e.target.value)}
            maxLength={1000}
            rows={3}
          />
        </label>
        {meta.type === "FORECAST" && (
          <ForecastTable rows={meta.forecast} today={today} onChange={(rows) => update("forecast", rows)} />
        )}
        {meta.type === "VIGILANCE" && (
          <VigilanceFields
            vigilance={meta.vigilance}
            now={now}
            onChange={(vigilance) => update("vigilance", vigilance)}
          />
        )}
      </div>
      <EditorSidebar
        article={meta}
        id={id}
        update={update}
        types={types}
        categories={categories}
        canPublish={canPublish}
        now={now}
        saving={saving}
        autosavedAt={autosave.savedAt}
        message={message}
        onSave={save}
        onPickCover={() => setPicker("cover")}
      />
      {picker && <MediaPicker onPick={insertMedia} onClose={() => setPicker(null)} />}
    </div>
  );
}

"use client";

import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/admin/ConfirmDialog";
import { type LibraryMedia, MediaPicker } from "@/components/admin/MediaPicker";
import { type ArticleStatus, type ArticleType, STATUS_LABEL } from "@/lib/articles/model";
import { mediaUrl, pickWidth } from "@/lib/media/urls";
import { saveArticleAction } from "../actions";
import { BlockInserter, opensInserter } from "./BlockInserter";
import { type EditorMessage, EditorSidebar } from "./EditorSidebar";
import { FieldError, type FieldErrors, invalid } from "./FieldError";
import { ForecastTable } from "./ForecastTable";
import { ImageDialog } from "./ImageDialog";

import { KEPT_CONTENT } from "./keptContent";
import { type LinkChoice, LinkDialog } from "./LinkDialog";
import { ExternalBlock, Figure, StationBlock } from "./nodes";
import { StationBlockFields } from "./StationBlockFields";
import { Toolbar } from "./Toolbar";
import type { EditorArticle, UpdateArticle } from "./types";
import { useAutosave } from "./useAutosave";
import { VigilanceFields } from "./VigilanceFields";

export type { EditorArticle } from "./types";

/** The errors left once the field `key` (and its cells: "forecast.2.tMax") changed. */
function withoutField(errors: FieldErrors, key: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path.split(".")[0] !== key));
}

interface Props {
  article: EditorArticle;
  /** When the article was last saved (null: a new one). */
  savedAt: Date | null;
  canPublish: boolean;
  types: ArticleType[];
  categories: { id: number; name: string }[];
  stations: { slug: string; name: string }[];
  today: string;
  now: string;
}

/**
 * The back-office article editor: Tiptap WYSIWYG (toolbar, block inserter, link and image dialogs,
 * station blocks), the forecast table or the vigilance fields of those types, the sidebar with the
 * metadata, the saving state and the save buttons, autosave. Saving goes through saveArticleAction
 * (app/admin/articles/actions.ts); a refused field is marked where it is, with its message.
 */
export function ArticleEditor({
  article,
  savedAt,
  canPublish,
  types,
  categories,
  stations,
  today,
  now,
}: Props) {
  const router = useRouter();
  const id = article.id;
  const [meta, setMeta] = useState({ ...article });
  const [message, setMessage] = useState<EditorMessage | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [picker, setPicker] = useState<null | "body" | "cover">(null);
  const [image, setImage] = useState<LibraryMedia | null>(null);
  const [link, setLink] = useState<LinkChoice | null>(null);
  const [inserter, setInserter] = useState(false);
  /** A new article's first save opens its own editor page, which replaces this one. */
  const [opening, startOpening] = useTransition();

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
      handleKeyDown: (_view, event) => {
        if (!editorRef.current || !opensInserter(editorRef.current, event.key)) return false;
        setInserter(true);
        return true;
      },
    },
  });
  const editorRef = useRef(editor);
  editorRef.current = editor;
  const autosave = useAutosave(id, editor, meta, savedAt);

  const update: UpdateArticle = (key, value) => {
    autosave.changed(key === "title" || key === "excerpt" ? "text" : "fields");
    setMeta((m) => ({ ...m, [key]: value }));
    setErrors((e) => (Object.keys(e).some((path) => path.split(".")[0] === key) ? withoutField(e, key) : e));
  };

  async function save(status: ArticleStatus) {
    if (!editor) return;
    setSaving(true);
    autosave.saving();
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
      autosave.failed();
      setErrors(result?.fieldErrors ?? {});
      setMessage({ kind: "error", text: result?.error ?? "Enregistrement impossible : réessayez." });
      return;
    }
    const saved = result.data;
    if (!id) {
      // Still "Enregistrement…", and nothing can be typed (inert), until the article's page replaces
      // this one: what was typed meanwhile would be lost with it.
      startOpening(() => router.replace(`/admin/articles/${saved.id}`));
      return;
    }
    autosave.saved();
    setErrors({});
    setMeta((m) => ({ ...m, status: saved.status, slug: saved.slug }));
    setMessage({ kind: "ok", text: `Enregistré : ${STATUS_LABEL[saved.status].toLowerCase()}.` });
    router.refresh();
  }

  function insertFigure(media: LibraryMedia, alt: string, caption: string) {
    if (!editor) return;
    // After the selection, not over it: a figure just inserted is selected and would be replaced.
    editor
      .chain()
      .focus()
      .insertContentAt(editor.state.selection.to, {
        type: "figure",
        attrs: { src: mediaUrl(media.key, pickWidth(media, 960)), alt, caption },
      })
      .run();
  }

  function insertMedia(media: LibraryMedia, uploaded: boolean) {
    if (picker === "cover") {
      update("coverId", media.id);
      update("coverUrl", mediaUrl(media.key, pickWidth(media, 480), "webp"));
    } else if (uploaded) insertFigure(media, media.alt, media.caption ?? "");
    else setImage(media);
    setPicker(null);
  }

  function openLink() {
    if (!editor) return;
    const attributes = editor.getAttributes("link") as { href?: string; target?: string | null };
    setLink({ href: attributes.href ?? "", newTab: attributes.target === "_blank" });
  }

  function applyLink(choice: LinkChoice | null) {
    const chain = editor?.chain().focus().extendMarkRange("link");
    if (choice)
      chain
        ?.setLink({ href: choice.href, target: choice.newTab ? "_blank" : null })
        // The caret after the link, as WordPress leaves it: typing goes on after it, outside it, instead
        // of replacing the linked text still selected.
        .command(({ tr, commands }) => commands.setTextSelection(tr.selection.to))
        .unsetMark("link")
        .run();
    else chain?.unsetLink().run();
    setLink(null);
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
    <div className="editor-layout" inert={opening || (saving && id === null)}>
      <div className="editor-main stack">
        <label>
          Titre
          <input
            name="title"
            value={meta.title}
            onChange={(e) => update("title", e.target.value)}
            maxLength={255}
            required
            {...invalid(errors, "title")}
          />
          <FieldError errors={errors} path="title" />
        </label>
        <div className="editor-tools">
          <BlockInserter
            editor={editor}
            open={inserter}
            onOpenChange={setInserter}
            actions={{ onImage: () => setPicker("body"), onStation: insertStation }}
          />
          <Toolbar
            editor={editor}
            onLink={openLink}
            onImage={() => setPicker("body")}
            onStation={insertStation}
          />
        </div>
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
            {...invalid(errors, "excerpt")}
          />
          <FieldError errors={errors} path="excerpt" />
        </label>
        {meta.type === "FORECAST" && (
          <ForecastTable
            rows={meta.forecast}
            today={today}
            errors={errors}
            onChange={(rows) => update("forecast", rows)}
          />
        )}
        {meta.type === "VIGILANCE" && (
          <VigilanceFields
            vigilance={meta.vigilance}
            now={now}
            errors={errors}
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
        saveState={autosave.state}
        errors={errors}
        message={message}
        onSave={save}
        onPickCover={() => setPicker("cover")}
      />
      {picker && <MediaPicker onPick={insertMedia} onClose={() => setPicker(null)} />}
      {image && (
        <ImageDialog
          src={mediaUrl(image.key, pickWidth(image, 480), "webp")}
          initial={{ alt: image.alt, caption: image.caption ?? "" }}
          onInsert={({ alt, caption }) => {
            insertFigure(image, alt, caption);
            setImage(null);
          }}
          onClose={() => setImage(null)}
        />
      )}
      {link && <LinkDialog initial={link} onApply={applyLink} onClose={() => setLink(null)} />}
      {autosave.leaving && (
        <ConfirmDialog
          title="Quitter sans enregistrer ?"
          confirm="Quitter sans enregistrer"
          danger
          onConfirm={autosave.leave}
          onCancel={autosave.stay}
        >
          <p>Des modifications ne sont pas enregistrées : elles seront perdues si vous quittez la page.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

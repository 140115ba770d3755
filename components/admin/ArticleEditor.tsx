"use client";

import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { CHART_FIELDS } from "@/lib/articles/embeds";
import {
  type ArticleStatus,
  type ArticleType,
  LEVEL_LABEL,
  PHENOMENA,
  SKY_ICONS,
  SKY_LABEL,
  STATUS_LABEL,
  TYPE_LABEL,
  VIGILANCE_LEVELS,
  ZONE_LABEL,
  ZONES,
} from "@/lib/articles/model";
import { mediaUrl, pickWidth } from "@/lib/media/urls";
import { CARDINALS } from "@/lib/weather/wind";
import { KEPT_CONTENT } from "./editorKeptContent";
import { ExternalBlock, Figure, StationBlock } from "./editorNodes";
import { type LibraryMedia, MediaPicker } from "./MediaPicker";

export interface ForecastRowInput {
  day: string;
  zone: (typeof ZONES)[number];
  sky: (typeof SKY_ICONS)[number];
  tMin: number | null;
  tMax: number | null;
  windSpeed: number | null;
  windDir: string | null;
  rainProbability: number | null;
}

export interface EditorArticle {
  id: number | null;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  slug: string;
  excerpt: string;
  bodyHtml: string;
  coverId: number | null;
  coverUrl: string | null;
  categoryIds: number[];
  tags: string[];
  /** Paris "YYYY-MM-DDTHH:mm" or "" */
  publishedAt: string;
  forecast: ForecastRowInput[];
  vigilance: {
    level: (typeof VIGILANCE_LEVELS)[number];
    phenomena: string[];
    zones: string[];
    validFrom: string;
    validUntil: string;
  } | null;
}

interface Props {
  article: EditorArticle;
  canPublish: boolean;
  types: ArticleType[];
  categories: { id: number; name: string }[];
  stations: { slug: string; name: string }[];
  today: string;
  now: string;
}

const AUTOSAVE_MS = 15_000;

/** The back-office article editor: Tiptap WYSIWYG, metadata, forecast table, vigilance, autosave. */
export function ArticleEditor({ article, canPublish, types, categories, stations, today, now }: Props) {
  const router = useRouter();
  const [id, setId] = useState(article.id);
  const [meta, setMeta] = useState({ ...article });
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [picker, setPicker] = useState<null | "body" | "cover">(null);
  const [autosavedAt, setAutosavedAt] = useState<string | null>(null);
  const dirty = useRef(false);

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
    onUpdate: () => {
      dirty.current = true;
    },
    editorProps: {
      attributes: { class: "editor-content", "aria-label": "Texte de l'article", role: "textbox" },
    },
  });

  const update = <K extends keyof EditorArticle>(key: K, value: EditorArticle[K]) => {
    dirty.current = true;
    setMeta((m) => ({ ...m, [key]: value }));
  };

  // Autosave (drafts are updated; a published article only keeps the autosave as a revision).
  const latest = useRef({ meta, editor });
  latest.current = { meta, editor };
  useEffect(() => {
    if (!id) return;
    const timer = setInterval(async () => {
      const { meta: m, editor: e } = latest.current;
      if (!dirty.current || !e) return;
      dirty.current = false;
      const response = await fetch(`/api/admin/articles/${id}/autosave`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title: m.title, excerpt: m.excerpt, bodyHtml: e.getHTML() }),
      });
      if (response.ok) {
        setAutosavedAt(
          new Date().toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
        );
      } else dirty.current = true;
    }, AUTOSAVE_MS);
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      clearInterval(timer);
      window.removeEventListener("beforeunload", warn);
    };
  }, [id]);

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
    const response = await fetch(id ? `/api/admin/articles/${id}` : "/api/admin/articles", {
      method: id ? "PUT" : "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    setSaving(false);
    const body = (await response.json().catch(() => ({}))) as {
      id?: number;
      status?: ArticleStatus;
      slug?: string;
      error?: string;
    };
    if (!response.ok) {
      setMessage({ kind: "error", text: body.error ?? `Erreur ${response.status}` });
      return;
    }
    dirty.current = false;
    setMeta((m) => ({ ...m, status: body.status ?? status, slug: body.slug ?? m.slug }));
    setMessage({ kind: "ok", text: `Enregistré : ${STATUS_LABEL[body.status ?? status].toLowerCase()}.` });
    if (!id && body.id) {
      setId(body.id);
      router.replace(`/admin/articles/${body.id}`);
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

  function setLink() {
    const previous = editor?.getAttributes("link").href as string | undefined;
    const url = window.prompt("Adresse du lien (vide pour l'enlever)", previous ?? "https://");
    if (url === null) return;
    if (url === "") editor?.chain().focus().unsetLink().run();
    else editor?.chain().focus().extendMarkRange("link").setLink({ href: url }).run();
  }

  const tool = (label: string, action: () => void, active = false) => (
    <button type="button" onClick={action} aria-pressed={active} className={active ? "active" : undefined}>
      {label}
    </button>
  );
  const selectedBlock = editor?.isActive("stationBlock")
    ? (editor.getAttributes("stationBlock") as { kind: string; station: string; field: string })
    : null;

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
          {tool(
            "Liste",
            () => editor?.chain().focus().toggleBulletList().run(),
            editor?.isActive("bulletList"),
          )}
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
          {tool("Lien", setLink, editor?.isActive("link"))}
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
          {tool("Image", () => setPicker("body"))}
          {tool("Graphique station", () => insertStation("station-chart"))}
          {tool("Conditions actuelles", () => insertStation("station-current"))}
          {tool("Annuler", () => editor?.chain().focus().undo().run())}
          {tool("Rétablir", () => editor?.chain().focus().redo().run())}
        </div>
        {selectedBlock && (
          <div className="toolbar">
            <label>
              Station
              <select
                value={selectedBlock.station}
                onChange={(e) =>
                  editor?.chain().updateAttributes("stationBlock", { station: e.target.value }).run()
                }
              >
                {stations.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            {selectedBlock.kind === "station-chart" && (
              <label>
                Mesure
                <select
                  value={selectedBlock.field}
                  onChange={(e) =>
                    editor?.chain().updateAttributes("stationBlock", { field: e.target.value }).run()
                  }
                >
                  {Object.entries(CHART_FIELDS).map(([key, f]) => (
                    <option key={key} value={key}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
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
          <fieldset>
            <legend>Tableau de prévision</legend>
            <div className="table-scroll">
              <table className="forecast-editor">
                <thead>
                  <tr>
                    <th>Jour</th>
                    <th>Zone</th>
                    <th>Ciel</th>
                    <th>Min °C</th>
                    <th>Max °C</th>
                    <th>Vent km/h</th>
                    <th>Direction</th>
                    <th>Pluie %</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {meta.forecast.map((row, index) => {
                    const set = (patch: Partial<ForecastRowInput>) =>
                      update(
                        "forecast",
                        meta.forecast.map((r, i) => (i === index ? { ...r, ...patch } : r)),
                      );
                    const num = (v: string) => (v === "" ? null : Number(v));
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                      <tr key={index}>
                        <td>
                          <input
                            type="date"
                            aria-label="Jour"
                            value={row.day}
                            onChange={(e) => set({ day: e.target.value })}
                          />
                        </td>
                        <td>
                          <select
                            aria-label="Zone"
                            value={row.zone}
                            onChange={(e) => set({ zone: e.target.value as ForecastRowInput["zone"] })}
                          >
                            {ZONES.map((z) => (
                              <option key={z} value={z}>
                                {ZONE_LABEL[z]}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <select
                            aria-label="Ciel"
                            value={row.sky}
                            onChange={(e) => set({ sky: e.target.value as ForecastRowInput["sky"] })}
                          >
                            {SKY_ICONS.map((s) => (
                              <option key={s} value={s}>
                                {SKY_LABEL[s].emoji} {SKY_LABEL[s].label}
                              </option>
                            ))}
                          </select>
                        </td>
                        {(["tMin", "tMax", "windSpeed"] as const).map((key) => (
                          <td key={key}>
                            <input
                              type="number"
                              aria-label={key}
                              value={row[key] ?? ""}
                              onChange={(e) => set({ [key]: num(e.target.value) })}
                            />
                          </td>
                        ))}
                        <td>
                          <select
                            aria-label="Direction du vent"
                            value={row.windDir ?? ""}
                            onChange={(e) => set({ windDir: e.target.value || null })}
                          >
                            <option value="">—</option>
                            {CARDINALS.map((c) => (
                              <option key={c}>{c}</option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <input
                            type="number"
                            aria-label="Probabilité de pluie"
                            min={0}
                            max={100}
                            value={row.rainProbability ?? ""}
                            onChange={(e) => set({ rainProbability: num(e.target.value) })}
                          />
                        </td>
                        <td>
                          <button
                            type="button"
                            onClick={() =>
                              update(
                                "forecast",
                                meta.forecast.filter((_, i) => i !== index),
                              )
                            }
                          >
                            Retirer
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <button
              type="button"
              onClick={() => {
                const last = meta.forecast.at(-1);
                update("forecast", [
                  ...meta.forecast,
                  last
                    ? { ...last }
                    : {
                        day: today,
                        zone: "LITTORAL",
                        sky: "SOLEIL",
                        tMin: null,
                        tMax: null,
                        windSpeed: null,
                        windDir: null,
                        rainProbability: null,
                      },
                ]);
              }}
            >
              Ajouter une ligne
            </button>
          </fieldset>
        )}

        {meta.type === "VIGILANCE" && (
          <fieldset className="stack">
            <legend>Vigilance</legend>
            {(() => {
              const v = meta.vigilance ?? {
                level: "JAUNE" as const,
                phenomena: [],
                zones: [],
                validFrom: now,
                validUntil: now,
              };
              const set = (patch: Partial<NonNullable<EditorArticle["vigilance"]>>) =>
                update("vigilance", { ...v, ...patch });
              const toggle = (list: string[], value: string) =>
                list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
              return (
                <>
                  <label>
                    Niveau
                    <select
                      name="level"
                      value={v.level}
                      onChange={(e) => set({ level: e.target.value as typeof v.level })}
                    >
                      {VIGILANCE_LEVELS.map((l) => (
                        <option key={l} value={l}>
                          {LEVEL_LABEL[l]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <p>Phénomènes :</p>
                  <div className="checks">
                    {Object.entries(PHENOMENA).map(([key, label]) => (
                      <label key={key}>
                        <input
                          type="checkbox"
                          checked={v.phenomena.includes(key)}
                          onChange={() => set({ phenomena: toggle(v.phenomena, key) })}
                        />{" "}
                        {label}
                      </label>
                    ))}
                  </div>
                  <p>Zones :</p>
                  <div className="checks">
                    {ZONES.map((z) => (
                      <label key={z}>
                        <input
                          type="checkbox"
                          checked={v.zones.includes(z)}
                          onChange={() => set({ zones: toggle(v.zones, z) })}
                        />{" "}
                        {ZONE_LABEL[z]}
                      </label>
                    ))}
                  </div>
                  <label>
                    Valable du (heure de Paris)
                    <input
                      type="datetime-local"
                      name="validFrom"
                      value={v.validFrom}
                      onChange={(e) => set({ validFrom: e.target.value })}
                    />
                  </label>
                  <label>
                    au
                    <input
                      type="datetime-local"
                      name="validUntil"
                      value={v.validUntil}
                      onChange={(e) => set({ validUntil: e.target.value })}
                    />
                  </label>
                </>
              );
            })()}
          </fieldset>
        )}
      </div>

      <aside className="editor-side stack">
        <p>
          Statut : <strong data-status={meta.status}>{STATUS_LABEL[meta.status]}</strong>
          {autosavedAt && <span className="muted"> · brouillon enregistré à {autosavedAt}</span>}
        </p>
        <label>
          Type
          <select
            name="type"
            value={meta.type}
            onChange={(e) => update("type", e.target.value as ArticleType)}
          >
            {types.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Adresse (laisser vide pour la tirer du titre)
          <input
            name="slug"
            value={meta.slug}
            onChange={(e) => update("slug", e.target.value)}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
          />
        </label>
        <label>
          Date de publication (heure de Paris)
          <input
            type="datetime-local"
            name="publishedAt"
            value={meta.publishedAt}
            onChange={(e) => update("publishedAt", e.target.value)}
          />
        </label>
        <div>
          Image de couverture {meta.coverUrl && <img src={meta.coverUrl} alt="" className="cover-thumb" />}
          <button type="button" onClick={() => setPicker("cover")}>
            Choisir
          </button>
          {meta.coverId && (
            <button
              type="button"
              onClick={() => {
                update("coverId", null);
                update("coverUrl", null);
              }}
            >
              Retirer
            </button>
          )}
        </div>
        {categories.length > 0 && (
          <fieldset>
            <legend>Catégories</legend>
            {categories.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={meta.categoryIds.includes(c.id)}
                  onChange={() =>
                    update(
                      "categoryIds",
                      meta.categoryIds.includes(c.id)
                        ? meta.categoryIds.filter((x) => x !== c.id)
                        : [...meta.categoryIds, c.id],
                    )
                  }
                />{" "}
                {c.name}
              </label>
            ))}
          </fieldset>
        )}
        <label>
          Étiquettes (séparées par des virgules)
          <input
            name="tags"
            defaultValue={meta.tags.join(", ")}
            onChange={(e) =>
              update(
                "tags",
                e.target.value
                  .split(",")
                  .map((t) => t.trim())
                  .filter(Boolean),
              )
            }
          />
        </label>
        <div className="stack">
          <button
            type="button"
            className="secondary"
            disabled={saving}
            onClick={() =>
              save(meta.status === "PUBLISHED" || meta.status === "SCHEDULED" ? meta.status : "DRAFT")
            }
          >
            Enregistrer
          </button>
          {!canPublish && (
            <button type="button" disabled={saving} onClick={() => save("PENDING")}>
              Soumettre pour relecture
            </button>
          )}
          {canPublish && (
            <button type="button" className="primary" disabled={saving} onClick={() => save("PUBLISHED")}>
              {meta.publishedAt && meta.publishedAt > now ? "Planifier" : "Publier"}
            </button>
          )}
          {canPublish && (meta.status === "PUBLISHED" || meta.status === "SCHEDULED") && (
            <button type="button" disabled={saving} onClick={() => save("DRAFT")}>
              Dépublier (repasser en brouillon)
            </button>
          )}
          {id && (
            <>
              <a href={`/admin/articles/${id}/apercu`} target="_blank" rel="noopener">
                Aperçu
              </a>
              <a href={`/admin/articles/${id}/revisions`}>Révisions</a>
            </>
          )}
        </div>
        {message && (
          <p
            role={message.kind === "error" ? "alert" : "status"}
            className={message.kind === "error" ? "error" : "success"}
          >
            {message.text}
          </p>
        )}
      </aside>
      {picker && <MediaPicker onPick={insertMedia} onClose={() => setPicker(null)} />}
    </div>
  );
}

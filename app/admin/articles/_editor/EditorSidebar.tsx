"use client";

import { type ArticleStatus, type ArticleType, STATUS_LABEL, TYPE_LABEL } from "@/lib/articles/model";
import type { EditorArticle, UpdateArticle } from "./types";

export interface EditorMessage {
  kind: "ok" | "error";
  text: string;
}

/** The article's status, type, address, date, cover, categories and tags, and the save buttons. */
export function EditorSidebar({
  article,
  id,
  update,
  types,
  categories,
  canPublish,
  now,
  saving,
  autosavedAt,
  message,
  onSave,
  onPickCover,
}: {
  article: EditorArticle;
  /** The saved article's id (null until its first save). */
  id: number | null;
  update: UpdateArticle;
  types: ArticleType[];
  categories: { id: number; name: string }[];
  canPublish: boolean;
  now: string;
  saving: boolean;
  autosavedAt: string | null;
  message: EditorMessage | null;
  onSave: (status: ArticleStatus) => void;
  onPickCover: () => void;
}) {
  const live = article.status === "PUBLISHED" || article.status === "SCHEDULED";
  return (
    <aside className="editor-side stack">
      <p>
        Statut : <strong data-status={article.status}>{STATUS_LABEL[article.status]}</strong>
        {autosavedAt && <span className="muted"> · brouillon enregistré à {autosavedAt}</span>}
      </p>
      <label>
        Type
        <select
          name="type"
          value={article.type}
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
          value={article.slug}
          onChange={(e) => update("slug", e.target.value)}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
        />
      </label>
      <label>
        Date de publication (heure de Paris)
        <input
          type="datetime-local"
          name="publishedAt"
          value={article.publishedAt}
          onChange={(e) => update("publishedAt", e.target.value)}
        />
      </label>
      <div>
        Image de couverture{" "}
        {article.coverUrl && <img src={article.coverUrl} alt="" className="cover-thumb" />}
        <button type="button" onClick={onPickCover}>
          Choisir
        </button>
        {article.coverId && (
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
                checked={article.categoryIds.includes(c.id)}
                onChange={() =>
                  update(
                    "categoryIds",
                    article.categoryIds.includes(c.id)
                      ? article.categoryIds.filter((x) => x !== c.id)
                      : [...article.categoryIds, c.id],
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
          defaultValue={article.tags.join(", ")}
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
          onClick={() => onSave(live ? article.status : "DRAFT")}
        >
          Enregistrer
        </button>
        {!canPublish && (
          <button type="button" disabled={saving} onClick={() => onSave("PENDING")}>
            Soumettre pour relecture
          </button>
        )}
        {canPublish && (
          <button type="button" className="primary" disabled={saving} onClick={() => onSave("PUBLISHED")}>
            {article.publishedAt && article.publishedAt > now ? "Planifier" : "Publier"}
          </button>
        )}
        {canPublish && live && (
          <button type="button" disabled={saving} onClick={() => onSave("DRAFT")}>
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
  );
}

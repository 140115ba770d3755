"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/admin/ConfirmDialog";
import {
  type ArticleStatus,
  type ArticleType,
  articlePath,
  STATUS_LABEL,
  TYPE_LABEL,
} from "@/lib/articles/model";
import { trashArticleAction } from "../actions";
import { FieldError, type FieldErrors, invalid } from "./FieldError";
import type { EditorArticle, UpdateArticle } from "./types";
import type { SaveState } from "./useAutosave";

export interface EditorMessage {
  kind: "ok" | "error";
  text: string;
}

/** The one line saying whether what is on screen is saved. */
function SaveStatus({ state }: { state: SaveState }) {
  const text = {
    saving: "Enregistrement…",
    unsaved: "Modifications non enregistrées",
    new: "Pas encore enregistré",
    saved:
      state.kind === "saved" && `${state.auto ? "Enregistré automatiquement" : "Enregistré"} à ${state.at}`,
  }[state.kind];
  return (
    <p className="save-state" role="status" data-state={state.kind}>
      {text}
    </p>
  );
}

/**
 * The article's saving state, status, type, address, date, cover, categories and tags, the save
 * buttons (an author's submitted article says so instead), the link to the published page, and apart
 * from them, the move to the trash.
 */
export function EditorSidebar({
  article,
  id,
  update,
  types,
  categories,
  canPublish,
  now,
  saving,
  saveState,
  errors,
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
  saveState: SaveState;
  errors: FieldErrors;
  message: EditorMessage | null;
  onSave: (status: ArticleStatus) => void;
  onPickCover: () => void;
}) {
  const router = useRouter();
  const [confirmTrash, setConfirmTrash] = useState(false);
  const [trashError, setTrashError] = useState<string | null>(null);
  const live = article.status === "PUBLISHED" || article.status === "SCHEDULED";
  const submitted = !canPublish && article.status === "PENDING";
  async function trash() {
    if (!id) return;
    const result = await trashArticleAction(id).catch(() => null);
    setConfirmTrash(false);
    if (result?.ok) router.push("/admin/articles?corbeille=1");
    else setTrashError(result?.error ?? "Mise à la corbeille impossible : réessayez.");
  }
  return (
    <aside className="editor-side stack">
      <SaveStatus state={saveState} />
      <p>
        Statut : <strong data-status={article.status}>{STATUS_LABEL[article.status]}</strong>
      </p>
      {id && article.status === "PUBLISHED" && (
        <p>
          <a href={articlePath(article)} target="_blank" rel="noopener" data-public-link>
            Voir l'article publié
          </a>
        </p>
      )}
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
          {...invalid(errors, "slug")}
        />
        <FieldError errors={errors} path="slug" />
      </label>
      <label>
        Date de publication (heure de Paris)
        <input
          type="datetime-local"
          name="publishedAt"
          value={article.publishedAt}
          onChange={(e) => update("publishedAt", e.target.value)}
          {...invalid(errors, "publishedAt")}
        />
        <FieldError errors={errors} path="publishedAt" />
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
          onClick={() => onSave(live || article.status === "PENDING" ? article.status : "DRAFT")}
        >
          Enregistrer
        </button>
        {!canPublish && !submitted && (
          <button type="button" disabled={saving} onClick={() => onSave("PENDING")}>
            Soumettre pour relecture
          </button>
        )}
        {submitted && (
          <p className="banner" data-submitted>
            En attente de relecture : un éditeur le publiera.
          </p>
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
      {id && (
        <div className="danger-zone stack">
          <button type="button" className="danger" onClick={() => setConfirmTrash(true)}>
            Mettre à la corbeille
          </button>
          {trashError && (
            <p role="alert" className="error">
              {trashError}
            </p>
          )}
        </div>
      )}
      {confirmTrash && (
        <ConfirmDialog
          title="Mettre l'article à la corbeille ?"
          confirm="Mettre à la corbeille"
          danger
          onConfirm={() => void trash()}
          onCancel={() => setConfirmTrash(false)}
        >
          <p>
            Il quitte le site et les listes. Vous pourrez le restaurer depuis la corbeille pendant 30 jours ;
            il sera ensuite supprimé définitivement.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}

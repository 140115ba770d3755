"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { mediaUrl, pickWidth } from "@/lib/media/urls";
import { ConfirmDialog } from "./ConfirmDialog";
import { type LibraryMedia, MediaUploader } from "./MediaPicker";

/**
 * The media library page: upload (drag and drop), alt text and caption editing, and apart from the
 * form, a red "Supprimer" that asks first.
 */
export function MediaLibrary({
  items,
  maxBytes,
}: {
  items: (LibraryMedia & { usage: number })[];
  /** The largest file the server accepts. */
  maxBytes: number;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<(typeof items)[number] | null>(null);
  async function call(url: string, init: RequestInit) {
    setError(null);
    const response = await fetch(url, init);
    if (!response.ok)
      setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? "Erreur");
    router.refresh();
  }
  return (
    <>
      <MediaUploader onUploaded={() => router.refresh()} maxBytes={maxBytes} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="media-list">
        {items.map((m) => (
          <li key={m.id} className="card" data-media={m.id}>
            <img src={mediaUrl(m.key, pickWidth(m, 480), "webp")} alt={m.alt} loading="lazy" />
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                const data = new FormData(e.currentTarget);
                void call(`/api/admin/media/${m.id}`, {
                  method: "PATCH",
                  headers: { "Content-Type": "application/json" },
                  body: JSON.stringify({ alt: data.get("alt"), caption: data.get("caption") }),
                });
              }}
            >
              <label>
                Texte alternatif
                <input name="alt" defaultValue={m.alt} required />
              </label>
              <label>
                Légende
                <input name="caption" defaultValue={m.caption ?? ""} />
              </label>
              <p className="muted">
                {m.originalName} · {m.width} × {m.height} · utilisée par {m.usage} article(s)
              </p>
              <button type="submit" className="primary">
                Enregistrer
              </button>
            </form>
            <p className="danger-zone">
              <button type="button" className="danger" onClick={() => setDeleting(m)}>
                Supprimer l'image
              </button>
            </p>
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title="Supprimer cette image ?"
          confirm="Supprimer définitivement"
          danger
          onConfirm={() => {
            setDeleting(null);
            void call(`/api/admin/media/${deleting.id}`, { method: "DELETE" });
          }}
          onCancel={() => setDeleting(null)}
        >
          <p>
            {deleting.originalName} sera effacée de la médiathèque
            {deleting.usage > 0 ? ` (elle est utilisée par ${deleting.usage} article(s))` : ""}. Cette action
            est irréversible.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

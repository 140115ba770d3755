"use client";

import { useCallback, useEffect, useState } from "react";
import { tooHeavyMessage } from "@/lib/media/limits";
import { type MediaInfo, mediaUrl, pickWidth } from "@/lib/media/urls";

export interface LibraryMedia extends MediaInfo {
  id: number;
  originalName: string;
  caption: string | null;
  uploadedById: number | null;
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `Erreur ${response.status}`;
}

/**
 * Upload by drag and drop or file choice; the alt text is asked first (it is required). A file over
 * `maxBytes` (the server's limit, when known) is refused at once, not after minutes of sending it.
 */
export function MediaUploader({
  onUploaded,
  maxBytes,
}: {
  onUploaded: (media: LibraryMedia) => void;
  maxBytes?: number;
}) {
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  async function upload(file: File) {
    if (!alt.trim()) {
      setStatus("Saisissez d'abord le texte alternatif (description de l'image).");
      return;
    }
    if (maxBytes !== undefined && file.size > maxBytes) {
      setStatus(tooHeavyMessage(file.size, maxBytes));
      return;
    }
    setStatus(`Envoi de ${file.name}…`);
    const form = new FormData();
    form.set("file", file);
    form.set("alt", alt);
    form.set("caption", caption);
    const response = await fetch("/api/admin/media", { method: "POST", body: form });
    if (!response.ok) {
      setStatus(await errorOf(response));
      return;
    }
    const { media, created } = (await response.json()) as { media: LibraryMedia; created: boolean };
    setStatus(created ? "Image ajoutée." : "Cette image était déjà dans la médiathèque.");
    setAlt("");
    setCaption("");
    onUploaded(media);
  }

  return (
    <div className="stack">
      <label>
        Texte alternatif (obligatoire)
        <input name="alt" value={alt} onChange={(e) => setAlt(e.target.value)} maxLength={500} />
      </label>
      <label>
        Légende
        <input name="caption" value={caption} onChange={(e) => setCaption(e.target.value)} />
      </label>
      <label
        className={`dropzone${over ? " over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file) void upload(file);
        }}
      >
        Déposez une image ici, ou choisissez un fichier
        <input
          type="file"
          name="file"
          accept="image/*"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
            e.target.value = "";
          }}
        />
      </label>
      {status && (
        <p role="status" className="upload-status">
          {status}
        </p>
      )}
    </div>
  );
}

/** The media library in a dialog: search, upload, and choose one image (`uploaded`: just sent, alt text and caption given). */
export function MediaPicker({
  onPick,
  onClose,
}: {
  onPick: (media: LibraryMedia, uploaded: boolean) => void;
  onClose: () => void;
}) {
  const [items, setItems] = useState<LibraryMedia[]>([]);
  const [maxBytes, setMaxBytes] = useState<number>();
  const [query, setQuery] = useState("");
  const load = useCallback(async (q: string) => {
    const response = await fetch(`/api/admin/media?q=${encodeURIComponent(q)}`);
    if (!response.ok) return;
    const list = (await response.json()) as { items: LibraryMedia[]; maxBytes: number };
    setItems(list.items);
    setMaxBytes(list.maxBytes);
  }, []);
  useEffect(() => {
    void load(query);
  }, [load, query]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="dialog" aria-modal="true" aria-label="Médiathèque">
        <p>
          <strong>Médiathèque</strong>{" "}
          <button type="button" onClick={onClose}>
            Fermer
          </button>
        </p>
        <MediaUploader onUploaded={(media) => onPick(media, true)} maxBytes={maxBytes} />
        <label>
          Rechercher
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <ul className="media-grid">
          {items.map((media) => (
            <li key={media.id}>
              <button type="button" onClick={() => onPick(media, false)} title={media.alt}>
                <img
                  src={mediaUrl(media.key, pickWidth(media, 480), "webp")}
                  alt={media.alt}
                  loading="lazy"
                />
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

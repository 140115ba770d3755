"use client";

import { useEffect, useRef, useState } from "react";

export interface ImageDetails {
  alt: string;
  caption: string;
}

/**
 * Asked once when an image of the library goes into the text: its alternative text (required) and its
 * caption, filled with the library's own. A freshly uploaded image skips it: the upload asked both.
 */
export function ImageDialog({
  src,
  initial,
  onInsert,
  onClose,
}: {
  src: string;
  initial: ImageDetails;
  onInsert: (details: ImageDetails) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [alt, setAlt] = useState(initial.alt);
  const [caption, setCaption] = useState(initial.caption);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="card dialog" aria-label="Insérer l'image" onCancel={onClose}>
      <form
        method="dialog"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onInsert({ alt: alt.trim(), caption: caption.trim() });
        }}
      >
        <h2>Insérer l'image</h2>
        <img src={src} alt="" className="cover-thumb" />
        <label>
          Texte alternatif (obligatoire)
          <input name="alt" value={alt} onChange={(e) => setAlt(e.target.value)} required maxLength={500} />
        </label>
        <label>
          Légende (facultative)
          <input name="caption" value={caption} onChange={(e) => setCaption(e.target.value)} />
        </label>
        <p className="actions">
          <button type="button" onClick={onClose}>
            Annuler
          </button>
          <button type="submit" className="primary">
            Insérer
          </button>
        </p>
      </form>
    </dialog>
  );
}

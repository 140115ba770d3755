"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * A confirmation in a modal <dialog>: the question, a cancel button (Échap too) and the action's own
 * button, red when it destroys something. Shown while mounted.
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  danger = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children?: ReactNode;
  /** The confirming button's label ("Supprimer définitivement"). */
  confirm: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="card confirm-dialog" aria-label={title} onCancel={onCancel}>
      <h2>{title}</h2>
      {children}
      <p className="actions">
        <button type="button" onClick={onCancel}>
          Annuler
        </button>
        <button type="button" className={danger ? "danger" : "primary"} onClick={onConfirm}>
          {confirm}
        </button>
      </p>
    </dialog>
  );
}

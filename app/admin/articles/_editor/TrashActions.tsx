"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/admin/ConfirmDialog";
import { deleteArticleAction, restoreArticleAction } from "../actions";

/** A trashed article's two ways out, each confirmed: back as a draft, or deleted for good. */
export function TrashActions({ id, title }: { id: number; title: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState<null | "restore" | "delete">(null);
  const [error, setError] = useState<string | null>(null);
  async function run(action: (id: number) => ReturnType<typeof restoreArticleAction>, then: string) {
    const result = await action(id).catch(() => null);
    setAsking(null);
    if (!result?.ok) {
      setError(result?.error ?? "Action impossible : réessayez.");
      return;
    }
    router.push(then);
    router.refresh();
  }
  return (
    <span className="actions">
      <button type="button" onClick={() => setAsking("restore")}>
        Restaurer
      </button>
      <button type="button" className="danger" onClick={() => setAsking("delete")}>
        Supprimer définitivement
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
      {asking === "restore" && (
        <ConfirmDialog
          title={`Restaurer « ${title} » ?`}
          confirm="Restaurer"
          onConfirm={() => void run(restoreArticleAction, `/admin/articles/${id}`)}
          onCancel={() => setAsking(null)}
        >
          <p>L'article revient en brouillon : il faudra le publier de nouveau.</p>
        </ConfirmDialog>
      )}
      {asking === "delete" && (
        <ConfirmDialog
          title={`Supprimer « ${title} » définitivement ?`}
          confirm="Supprimer définitivement"
          danger
          onConfirm={() => void run(deleteArticleAction, "/admin/articles?corbeille=1")}
          onCancel={() => setAsking(null)}
        >
          <p>L'article et toutes ses révisions seront effacés. Cette action est irréversible.</p>
        </ConfirmDialog>
      )}
    </span>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function RestoreButton({ articleId, revisionId }: { articleId: number; revisionId: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          const response = await fetch(`/api/admin/articles/${articleId}/revisions/${revisionId}`, {
            method: "POST",
          });
          if (response.ok) router.push(`/admin/articles/${articleId}`);
          else setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? "Erreur");
        }}
      >
        Restaurer
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { restoreRevisionAction } from "../../actions";

export function RestoreButton({ articleId, revisionId }: { articleId: number; revisionId: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          const result = await restoreRevisionAction(articleId, revisionId).catch(() => null);
          if (result?.ok) router.push(`/admin/articles/${articleId}`);
          else setError(result?.error ?? "Erreur");
        }}
      >
        Restaurer
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

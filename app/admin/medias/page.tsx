import { MediaLibrary } from "@/components/admin/MediaLibrary";
import { requirePageRole } from "@/lib/accounts/auth";
import { db } from "@/lib/db/client";
import { mediaLimits } from "@/lib/media/limits";

export default async function MediaPage() {
  await requirePageRole("AUTHOR", "/admin/medias");
  const items = await db().media.findMany({
    orderBy: { id: "desc" },
    take: 200,
    include: { _count: { select: { usages: true, covers: true } } },
  });
  return (
    <>
      <h1>Médiathèque</h1>
      <MediaLibrary
        items={items.map(({ _count, createdAt: _c, sha256: _s, ...m }) => ({
          ...m,
          usage: _count.usages + _count.covers,
        }))}
        maxBytes={mediaLimits().maxBytes}
      />
    </>
  );
}

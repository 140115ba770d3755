import { revalidatePath, updateTag } from "next/cache";

/**
 * After a manager's edit: the cached station pages and the network's cached data are rebuilt on their
 * next visit. Cached pages are tagged by route pattern, not by slug, so every station's pages are
 * refreshed (edits are rare; a page costs one render).
 */
export function refreshStationPages(): void {
  revalidatePath("/stations/[slug]", "layout");
  updateTag("stations");
}

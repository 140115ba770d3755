import { revalidatePath, updateTag } from "next/cache";

/** After a manager's edit: the station's cached pages and the network's cached data are rebuilt. */
export function refreshStationPages(slug: string): void {
  revalidatePath(`/stations/${slug}`, "layout");
  updateTag("stations");
}

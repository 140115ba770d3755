import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/accounts/auth";
import { manageableStations } from "@/lib/station-admin/access";

export const metadata: Metadata = { title: "Stations" };

export default async function StationsAdminPage() {
  const user = await requirePageRole("AUTHOR", "/admin/stations");
  const stations = await manageableStations(user);
  return (
    <>
      <h1>Stations</h1>
      {stations.length === 0 ? (
        <p>Vous ne gérez aucune station. Un administrateur peut vous en confier une.</p>
      ) : (
        <ul className="admin-list">
          {stations.map((station) => (
            <li key={station.id} data-station={station.slug}>
              <Link href={`/admin/stations/${station.slug}`}>{station.name}</Link>{" "}
              <span className="muted">
                {station.commune}
                {station.active ? "" : " — désactivée"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import { requirePageRole } from "@/lib/accounts/auth";
import { listStations } from "@/lib/stations/queries";

const ROLE_LABEL = { ADMIN: "administrateur", EDITOR: "éditeur", AUTHOR: "auteur" } as const;

export default async function AdminHome() {
  const user = await requirePageRole("AUTHOR", "/admin");
  const stations = await listStations();
  return (
    <>
      <h1>Bonjour {user.name}</h1>
      <p>
        Vous êtes connecté en tant que <strong data-role={user.role}>{ROLE_LABEL[user.role]}</strong>.
      </p>
      <h2>Stations ({stations.length})</h2>
      <ul>
        {stations.map((station) => (
          <li key={station.id}>{station.name}</li>
        ))}
      </ul>
    </>
  );
}

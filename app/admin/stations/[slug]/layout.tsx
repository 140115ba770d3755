import Link from "next/link";
import { config } from "@/lib/config/settings";
import { stationUrl } from "@/lib/http/hosts";
import { managedStationPage } from "@/lib/station-admin/access";

const TABS = [
  { path: "", label: "Informations" },
  { path: "/a-propos", label: "Photos et partenaires" },
  { path: "/webcams", label: "Webcams" },
  { path: "/console", label: "Capteurs intérieurs et console" },
  { path: "/export", label: "Export CSV" },
  { path: "/qualite", label: "Qualité des données" },
];

export default async function StationAdminLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { station } = await managedStationPage((await params).slug);
  const base = `/admin/stations/${station.slug}`;
  return (
    <>
      <p className="muted">
        <Link href="/admin/stations">Stations</Link> › {station.name} ·{" "}
        <a href={stationUrl(station.slug, config().siteUrl)}>voir le site de la station</a>
      </p>
      <nav className="tabs" aria-label={`Gestion de ${station.name}`}>
        <ul>
          {TABS.map((tab) => (
            <li key={tab.path}>
              <Link href={base + tab.path}>{tab.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}

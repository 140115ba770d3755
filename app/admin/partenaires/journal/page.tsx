import Link from "next/link";
import { AccessDenied } from "@/components/admin/partners/AdminOnly";
import { AttemptTable } from "@/components/admin/partners/AttemptTable";
import { requirePageRole } from "@/lib/accounts/auth";
import {
  type AttemptFilter,
  listAttempts,
  PARTNER_LABEL,
  PARTNERS,
  parsePartner,
} from "@/lib/partners/feeds";
import { listStations } from "@/lib/stations/queries";

export const metadata = { title: "Journal des envois aux partenaires" };

const OUTCOMES = { reussi: "SUCCESS", echec: "FAILURE", "non-envoye": "SKIPPED" } as const;
const OUTCOME_LABEL = { reussi: "Réussi", echec: "Échec", "non-envoye": "Non envoyé" } as const;

type Query = { partenaire?: string; station?: string; resultat?: string; page?: string };

/** The query string as a filter; unknown values are reported and ignored. */
function parseFilter(query: Query, slugs: Set<string>): { filter: AttemptFilter; problems: string[] } {
  const filter: AttemptFilter = { pageSize: 50 };
  const problems: string[] = [];
  if (query.partenaire) {
    const partner = parsePartner(query.partenaire);
    if (partner) filter.partner = partner;
    else problems.push(`Partenaire inconnu : « ${query.partenaire} ».`);
  }
  if (query.station) {
    if (slugs.has(query.station)) filter.stationSlug = query.station;
    else problems.push(`Station inconnue : « ${query.station} ».`);
  }
  if (query.resultat) {
    if (query.resultat in OUTCOMES) filter.outcome = OUTCOMES[query.resultat as keyof typeof OUTCOMES];
    else problems.push(`Résultat inconnu : « ${query.resultat} ».`);
  }
  if (query.page) {
    const page = Number(query.page);
    if (Number.isInteger(page) && page >= 1) filter.page = page;
    else problems.push(`Numéro de page invalide : « ${query.page} ».`);
  }
  return { filter, problems };
}

export default async function JournalPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requirePageRole("AUTHOR", "/admin/partenaires/journal");
  if (user.role !== "ADMIN") return <AccessDenied />;
  const [query, stations] = await Promise.all([searchParams, listStations()]);
  const { filter, problems } = parseFilter(query, new Set(stations.map((s) => s.slug)));
  const { rows, total, page, pageSize } = await listAttempts(filter);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (target: number) => {
    const params = new URLSearchParams();
    if (filter.partner) params.set("partenaire", filter.partner.toLowerCase());
    if (filter.stationSlug) params.set("station", filter.stationSlug);
    if (query.resultat && filter.outcome) params.set("resultat", query.resultat);
    params.set("page", String(target));
    return `/admin/partenaires/journal?${params}`;
  };
  return (
    <>
      <p>
        <Link href="/admin/partenaires">← Flux partenaires</Link>
      </p>
      <h1>Journal des envois</h1>
      {problems.length > 0 && (
        <ul className="error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem} Ce filtre est ignoré.</li>
          ))}
        </ul>
      )}
      <form method="get" className="filters" aria-label="Filtres">
        <label>
          Partenaire
          <select name="partenaire" defaultValue={filter.partner?.toLowerCase() ?? ""}>
            <option value="">Tous</option>
            {PARTNERS.map((p) => (
              <option key={p} value={p.toLowerCase()}>
                {PARTNER_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Station
          <select name="station" defaultValue={filter.stationSlug ?? ""}>
            <option value="">Toutes</option>
            {stations.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Résultat
          <select name="resultat" defaultValue={filter.outcome ? query.resultat : ""}>
            <option value="">Tous</option>
            {Object.entries(OUTCOME_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </form>
      <p className="muted" data-field="total">
        {total} échange{total > 1 ? "s" : ""} · page {page} sur {pages}
      </p>
      <AttemptTable rows={rows} showFeed />
      <nav aria-label="Pages" className="pager">
        {page > 1 && <Link href={link(page - 1)}>← Plus récents</Link>}
        {page < pages && <Link href={link(page + 1)}>Plus anciens →</Link>}
      </nav>
    </>
  );
}

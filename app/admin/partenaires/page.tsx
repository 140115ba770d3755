import Link from "next/link";
import { AccessDenied } from "@/components/admin/partners/AdminOnly";
import { FeedStatus } from "@/components/admin/partners/FeedStatus";
import { TableScroll } from "@/components/tables/TableScroll";
import { requirePageRole } from "@/lib/accounts/auth";
import { canStoreCredentials, MISSING_KEY_MESSAGE } from "@/lib/partners/config";
import { endpointOf, listFeeds, maskedCredentials, PARTNER_LABEL } from "@/lib/partners/feeds";
import { formatParis } from "@/lib/time";

export const metadata = { title: "Flux partenaires" };

const when = (date: Date | null) => (date ? formatParis(date.getTime() / 1000) : "—");

export default async function PartnerFeedsPage({
  searchParams,
}: {
  searchParams: Promise<{ supprime?: string }>;
}) {
  const user = await requirePageRole("AUTHOR", "/admin/partenaires");
  if (user.role !== "ADMIN") return <AccessDenied />;
  const [{ supprime }, feeds] = await Promise.all([searchParams, listFeeds()]);
  return (
    <>
      <h1>Flux partenaires</h1>
      <p className="muted">
        StatIC (Infoclimat) reçoit un fichier toutes les 10 minutes, ROMMA chaque relevé d'archive. Un flux en
        échec depuis plus d'une heure déclenche une alerte.
      </p>
      {!canStoreCredentials() && (
        <p className="banner banner-warning" role="alert">
          {MISSING_KEY_MESSAGE}
        </p>
      )}
      {supprime && (
        <p className="banner banner-success" role="status">
          Flux supprimé.
        </p>
      )}
      <p>
        <Link className="button" href="/admin/partenaires/nouveau">
          Ajouter un flux
        </Link>{" "}
        <Link href="/admin/partenaires/journal">Journal des envois</Link>
      </p>
      {feeds.length === 0 ? (
        <p>Aucun flux configuré.</p>
      ) : (
        <TableScroll label="Flux partenaires">
          <table className="data" aria-label="Flux partenaires">
            <thead>
              <tr>
                <th>Station</th>
                <th>Partenaire</th>
                <th>Identifiant</th>
                <th>État</th>
                <th>Identifiants</th>
                <th>Adresse</th>
                <th>Dernier relevé envoyé</th>
                <th>Dernier succès</th>
                <th>Dernière erreur</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => {
                const masked = maskedCredentials(feed);
                return (
                  <tr key={feed.id} data-feed={`${feed.station.slug}:${feed.partner.toLowerCase()}`}>
                    <td>
                      <Link href={`/admin/partenaires/${feed.id}`}>{feed.station.name}</Link>
                    </td>
                    <td>{PARTNER_LABEL[feed.partner]}</td>
                    <td>{feed.partnerStationId}</td>
                    <td>
                      <FeedStatus feed={feed} />
                    </td>
                    <td data-field="credentials">
                      {masked ? `${masked.login || "—"} / ${masked.password}` : "non renseignés"}
                    </td>
                    <td className="endpoint">{endpointOf(feed)}</td>
                    <td>{feed.lastRecordTime ? formatParis(feed.lastRecordTime) : "—"}</td>
                    <td>{when(feed.lastSuccessAt)}</td>
                    <td>
                      {feed.lastErrorAt ? (
                        <>
                          {when(feed.lastErrorAt)}
                          <br />
                          <span className="muted">{feed.lastError}</span>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

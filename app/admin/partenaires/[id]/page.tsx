import Link from "next/link";
import { notFound } from "next/navigation";
import { deleteFeedAction } from "@/app/admin/partenaires/actions";
import { AccessDenied } from "@/components/admin/partners/AdminOnly";
import { AttemptTable } from "@/components/admin/partners/AttemptTable";
import { FeedStatus } from "@/components/admin/partners/FeedStatus";
import { requirePageRole } from "@/lib/auth";
import { canStoreCredentials, MISSING_KEY_MESSAGE } from "@/lib/partners/config";
import {
  defaultEndpoint,
  endpointOf,
  findFeed,
  listAttempts,
  maskedCredentials,
  PARTNER_LABEL,
} from "@/lib/partners/feeds";
import { sendFeed } from "@/lib/partners/send";
import { formatParis } from "@/lib/time";
import { FeedForm } from "../FeedForm";
import { SendNow } from "../SendNow";

export const metadata = { title: "Flux partenaire" };

export default async function FeedPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ apercu?: string; enregistre?: string }>;
}) {
  const { id } = await params;
  const user = await requirePageRole("AUTHOR", `/admin/partenaires/${id}`);
  if (user.role !== "ADMIN") return <AccessDenied />;
  const feedId = Number(id);
  const feed = Number.isInteger(feedId) && feedId > 0 ? await findFeed(feedId) : null;
  if (!feed) notFound();
  const { apercu, enregistre } = await searchParams;
  const [preview, recent] = await Promise.all([
    apercu ? sendFeed(feed, { dryRun: true }) : null,
    listAttempts({ feedId: feed.id, pageSize: 20 }),
  ]);
  const masked = maskedCredentials(feed);
  const storable = canStoreCredentials();
  const title = `${PARTNER_LABEL[feed.partner]} · ${feed.station.name}`;
  return (
    <>
      <p>
        <Link href="/admin/partenaires">← Flux partenaires</Link>
      </p>
      <h1>{title}</h1>
      {enregistre && (
        <p className="banner banner-success" role="status">
          Configuration enregistrée.
        </p>
      )}
      {!storable && (
        <p className="banner banner-warning" role="alert">
          {MISSING_KEY_MESSAGE}
        </p>
      )}
      <dl className="facts">
        <dt>État</dt>
        <dd>
          <FeedStatus feed={feed} />
        </dd>
        <dt>Identifiants</dt>
        <dd data-field="credentials">
          {masked ? `${masked.login ? `${masked.login} / ` : ""}${masked.password}` : "non renseignés"}
        </dd>
        <dt>Adresse</dt>
        <dd>{endpointOf(feed)}</dd>
        <dt>Dernier relevé accepté</dt>
        <dd>{feed.lastRecordTime ? formatParis(feed.lastRecordTime) : "—"}</dd>
        <dt>Dernier succès</dt>
        <dd>{feed.lastSuccessAt ? formatParis(feed.lastSuccessAt.getTime() / 1000) : "—"}</dd>
        <dt>Dernière erreur</dt>
        <dd data-field="lastError">
          {feed.lastErrorAt ? `${formatParis(feed.lastErrorAt.getTime() / 1000)} : ${feed.lastError}` : "—"}
        </dd>
      </dl>

      <h2>Envoi</h2>
      <SendNow feedId={feed.id} enabled={feed.enabled} />
      <p>
        <Link href={`/admin/partenaires/${feed.id}?apercu=1`}>Aperçu de ce qui serait envoyé maintenant</Link>
      </p>
      {preview && (
        <section aria-label="Aperçu">
          <p className="muted" data-field="preview-message">
            {preview.message}
          </p>
          {preview.preview && <pre className="payload">{preview.preview}</pre>}
        </section>
      )}

      <h2>Configuration</h2>
      <FeedForm
        feed={{
          id: feed.id,
          partner: feed.partner,
          enabled: feed.enabled,
          partnerStationId: feed.partnerStationId,
          endpoint: feed.endpoint,
          hasCredentials: feed.credentials !== null,
        }}
        defaultEndpoints={{ STATIC: defaultEndpoint("STATIC"), ROMMA: defaultEndpoint("ROMMA") }}
        canStoreCredentials={storable}
      />

      <h2>Derniers échanges</h2>
      <AttemptTable rows={recent.rows} showFeed={false} />
      <p>
        <Link
          href={`/admin/partenaires/journal?station=${feed.station.slug}&partenaire=${feed.partner.toLowerCase()}`}
        >
          Tout le journal de ce flux
        </Link>
      </p>

      <h2>Supprimer</h2>
      <form action={deleteFeedAction} className="stack">
        <input type="hidden" name="id" value={feed.id} />
        <label className="checkbox">
          <input type="checkbox" name="confirm" required />
          Supprimer ce flux et son journal
        </label>
        <button type="submit" className="danger">
          Supprimer le flux
        </button>
      </form>
    </>
  );
}

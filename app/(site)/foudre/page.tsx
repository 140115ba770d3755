import type { Metadata } from "next";
import { unstable_cache } from "next/cache";
import { notFound } from "next/navigation";
import { LightningMap } from "@/components/lightning/LightningMap";
import { LightningSource } from "@/components/lightning/LightningSource";
import styles from "@/components/lightning/lightning.module.css";
import { PageLink } from "@/components/site/PageLink";
import { TableScroll } from "@/components/tables/TableScroll";
import { ALPES_MARITIMES_CENTER, mapTiles } from "@/lib/config/map-tiles";
import { config } from "@/lib/config/settings";
import { formatNumber } from "@/lib/format/numbers";
import { stationUrl } from "@/lib/http/hosts";
import { isPeriod, nearestStation, PERIODS, strikePlace } from "@/lib/lightning/display";
import { bearingDegrees } from "@/lib/lightning/geo";
import { mapStrikes } from "@/lib/lightning/queries";
import { lightningEnabled } from "@/lib/lightning/settings";
import { listStations } from "@/lib/stations/queries";
import { formatParis } from "@/lib/time";

// Its query picks what it shows: rendered per request (from cached data).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Foudre en direct",
  description: "Les impacts de foudre en direct sur les Alpes-Maritimes, la Provence et la mer Ligure.",
};

// Strikes of a period, shared by every visitor for 30 seconds (the import runs every few minutes).
const cachedStrikes = unstable_cache(
  async (seconds: number) => mapStrikes(seconds, Date.now()),
  ["lightning-map"],
  { revalidate: 30, tags: ["lightning"] },
);

const cachedStations = unstable_cache(
  async () =>
    (await listStations()).map((s) => ({
      slug: s.slug,
      name: s.name,
      latitude: s.latitude,
      longitude: s.longitude,
    })),
  ["lightning-stations"],
  { revalidate: 300, tags: ["stations"] },
);

const LATEST = 10;

type Props = { searchParams: Promise<{ periode?: string | string[] }> };

export default async function LightningMapPage({ searchParams }: Props) {
  if (!lightningEnabled()) notFound();
  const { periode: periodKey = "1h" } = await searchParams; // ?periode= : the French URL stays
  if (!isPeriod(periodKey)) notFound();
  const period = PERIODS[periodKey];
  const [data, stations] = await Promise.all([cachedStrikes(period.seconds), cachedStations()]);
  const { siteUrl } = config();
  const latest = data.strikes.slice(0, LATEST);

  return (
    <>
      <h1>Foudre en direct</h1>
      <p data-field="total">
        <strong>{formatNumber(data.total, 0)}</strong> impact{data.total > 1 ? "s" : ""} de foudre sur{" "}
        {period.title}, des Alpes-Maritimes à la mer Ligure.
        {data.total > data.strikes.length &&
          ` La carte montre les ${formatNumber(data.strikes.length, 0)} plus récents.`}
      </p>
      <ul className={styles.periods} aria-label="Période affichée">
        {Object.entries(PERIODS).map(([key, p]) => (
          <li key={key}>
            <PageLink
              href={key === "1h" ? "/foudre" : `/foudre?periode=${key}`}
              aria-current={key === periodKey ? "page" : undefined}
            >
              {p.label}
            </PageLink>
          </li>
        ))}
      </ul>
      <LightningMap
        label={`Carte des impacts de foudre sur ${period.title}`}
        data={data}
        center={ALPES_MARITIMES_CENTER}
        tiles={mapTiles()}
        stations={stations.map((s) => ({ ...s, href: stationUrl(s.slug, siteUrl, "/foudre") }))}
      />

      <h2>Derniers impacts</h2>
      {latest.length === 0 ? (
        <p className="muted">Aucun impact de foudre sur {period.title}.</p>
      ) : (
        <TableScroll label="Derniers impacts">
          <table className="data" id="derniers-impacts">
            <thead>
              <tr>
                <th scope="col">Heure</th>
                <th scope="col">Position</th>
                <th scope="col">Station la plus proche</th>
              </tr>
            </thead>
            <tbody>
              {latest.map(([ago, latitude, longitude]) => {
                const timeMs = data.nowMs - ago;
                const near = nearestStation({ latitude, longitude }, stations);
                return (
                  <tr key={`${ago} ${latitude} ${longitude}`}>
                    <td>{formatParis(timeMs / 1000, { timeStyle: "medium" })}</td>
                    <td>
                      {formatNumber(latitude, 3)}° N, {formatNumber(longitude, 3)}° E
                    </td>
                    <td>
                      {near
                        ? `${strikePlace(near.metres, bearingDegrees(near.station, { latitude, longitude }))} de ${near.station.name}`
                        : "—"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        <PageLink href="/foudre/statistiques">
          Statistiques : impacts par jour et par mois, jours les plus orageux
        </PageLink>
      </p>
      <LightningSource />
    </>
  );
}

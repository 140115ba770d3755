import type { Metadata } from "next";
import { unstable_cache } from "next/cache";
import { notFound } from "next/navigation";
import { CountsTable } from "@/components/lightning/CountsTable";
import { LightningSource } from "@/components/lightning/LightningSource";
import styles from "@/components/lightning/lightning.module.css";
import { PageLink } from "@/components/site/PageLink";
import { config } from "@/lib/config/settings";
import { stationUrl } from "@/lib/http/hosts";
import { monthlyTotals } from "@/lib/lightning/display";
import { areaDays, departementStormiestDays, stationsToday, yearsWithStrikes } from "@/lib/lightning/queries";
import { lightningEnabled } from "@/lib/lightning/settings";
import { listStations } from "@/lib/stations/queries";
import { addDays, addMonths, dayLabel, localDay, monthLabel } from "@/lib/time";

// Its query picks what it shows: rendered per request (from cached data).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Statistiques de foudre",
  description:
    "Impacts de foudre par jour et par mois dans les Alpes-Maritimes, et les jours les plus orageux.",
};

const DAYS = 31;
const MONTHS = 24;

const cachedStatistics = unstable_cache(
  async (year: number) => {
    const nowMs = Date.now();
    const today = localDay(nowMs / 1000);
    const lastMonth = today.slice(0, 7);
    const firstMonth = addMonths(lastMonth, 1 - MONTHS);
    const [days, stormiest, todayCounts, stations, years] = await Promise.all([
      areaDays(`${firstMonth}-01`),
      departementStormiestDays(year),
      stationsToday(nowMs),
      listStations(),
      yearsWithStrikes(),
    ]);
    return {
      today,
      firstMonth,
      lastMonth,
      days,
      stormiest,
      years,
      stations: stations.map((s) => ({ slug: s.slug, name: s.name, today: todayCounts.get(s.id) ?? null })),
    };
  },
  ["lightning-statistics"],
  { revalidate: 60, tags: ["lightning"] },
);

const AREA_COLUMNS = ["Alpes-Maritimes", "Sud-Est et mer Ligure"];

type Props = { searchParams: Promise<{ annee?: string | string[] }> };

export default async function LightningStatisticsPage({ searchParams }: Props) {
  if (!lightningEnabled()) notFound();
  const currentYear = Number(localDay(Date.now() / 1000).slice(0, 4));
  const { annee = String(currentYear) } = await searchParams;
  if (typeof annee !== "string" || !/^\d{4}$/.test(annee)) notFound();
  const year = Number(annee);
  const data = await cachedStatistics(year);
  if (year !== currentYear && !data.years.includes(year)) notFound();

  const lastDays = data.days
    .filter((d) => d.day > addDays(data.today, -DAYS) && d.strikes > 0)
    .reverse()
    .map((d) => ({ key: d.day, label: dayLabel(d.day), values: [d.departement, d.strikes] }));
  const months = monthlyTotals(data.days, ["departement", "strikes"], data.firstMonth, data.lastMonth).map(
    (r) => ({
      key: r.month,
      label: monthLabel(r.month),
      values: r.totals,
    }),
  );
  const { siteUrl } = config();

  return (
    <>
      <h1>Statistiques de foudre</h1>
      <p>
        <PageLink href="/foudre">← La carte en direct</PageLink>
      </p>

      <h2>Aujourd'hui près des stations</h2>
      <CountsTable
        id="stations-aujourdhui"
        caption="Impacts depuis minuit (heure de Paris), selon la distance à chaque station."
        head="Station"
        columns={["moins de 10 km", "moins de 30 km", "moins de 100 km"]}
        rows={data.stations.map((s) => ({
          key: s.slug,
          label: <a href={stationUrl(s.slug, siteUrl, "/foudre")}>{s.name}</a>,
          values: [s.today?.within10km ?? 0, s.today?.within30km ?? 0, s.today?.within100km ?? 0],
        }))}
        empty="Aucune station n'est encore enregistrée."
      />

      <h2>Les {DAYS} derniers jours</h2>
      <CountsTable
        id="jours"
        caption="Jours avec au moins un impact, du plus récent au plus ancien."
        head="Jour"
        columns={AREA_COLUMNS}
        rows={lastDays}
        empty={`Aucun impact de foudre ces ${DAYS} derniers jours.`}
      />

      <h2>Par mois</h2>
      <CountsTable
        id="mois"
        caption="Impacts par mois sur les deux dernières années."
        head="Mois"
        columns={AREA_COLUMNS}
        rows={months}
        empty="Aucun impact enregistré."
      />

      <h2>Les jours les plus orageux de {year}</h2>
      {data.years.length > 1 && (
        <ul className={styles.periods} aria-label="Année">
          {data.years.map((y) => (
            <li key={y}>
              <PageLink
                href={`/foudre/statistiques?annee=${y}`}
                aria-current={y === year ? "page" : undefined}
              >
                {y}
              </PageLink>
            </li>
          ))}
        </ul>
      )}
      <CountsTable
        id="jours-orageux"
        caption="Les dix jours les plus foudroyés dans le département."
        head="Jour"
        columns={AREA_COLUMNS}
        rows={data.stormiest.map((d) => ({
          key: d.day,
          label: dayLabel(d.day),
          values: [d.departement, d.strikes],
        }))}
        empty={`Aucun impact dans le département en ${year}.`}
      />
      <LightningSource />
    </>
  );
}

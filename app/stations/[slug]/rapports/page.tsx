import type { Metadata } from "next";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { Method } from "@/components/climate/Method";
import { ReportLinks } from "@/components/climate/ReportLinks";
import { currentMonth } from "@/lib/climate/queries";
import { climateExtent } from "@/lib/climate/store";
import { appSqlPool } from "@/lib/db/client";
import { stationOr404 } from "@/lib/stations/mini-site";
import { monthName, monthsOfYear, yearsNewestFirst } from "@/lib/time";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return { title: `${station.name} — rapports NOAA` };
}

export default async function ReportsPage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  const extent = await climateExtent(appSqlPool(), station.id);
  const last = currentMonth();
  const years = extent ? yearsNewestFirst(extent.first, last) : [];
  return (
    <>
      <h1>
        Rapports climatologiques <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={last} />
      <p>
        Relevés mensuels et annuels au format des rapports NOAA, produits par la plateforme à partir de sa
        climatologie (texte à chasse fixe, ou CSV pour un tableur : standard, ou réglé en français avec
        point-virgule et virgule décimale).
      </p>
      {years.length === 0 && <p>La climatologie de cette station n'a pas encore été calculée.</p>}
      {years.map((year) => (
        <section key={year} className="card report-year">
          <h2>
            {year} : <ReportLinks period={String(year)} />
          </h2>
          <ul className="inline-list">
            {monthsOfYear(year)
              .filter((m) => m <= last && extent && m >= extent.first.slice(0, 7))
              .map((m) => (
                <li key={m}>
                  {monthName(Number(m.slice(5, 7)))} : <ReportLinks period={m} text="txt" />
                </li>
              ))}
          </ul>
        </section>
      ))}
      <Method />
    </>
  );
}

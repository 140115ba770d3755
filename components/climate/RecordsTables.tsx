import type { Metadata } from "next";
import { ClimateNav } from "@/components/climate/ClimateNav";
import { Method } from "@/components/climate/Method";
import { QualityMark } from "@/components/climate/QualityNotice";
import { PageLink } from "@/components/site/PageLink";
import { timeLabel } from "@/lib/climate/format";
import { currentMonth, type RecordsPageView, recordsPageView } from "@/lib/climate/queries";
import type { Candidate, RecordParameter } from "@/lib/climate/records";
import { db } from "@/lib/db/client";
import { formatNumber, formatValue } from "@/lib/format/numbers";
import { qualityOfRecords, type RecordQuality } from "@/lib/qc/store";
import { stationOr404 } from "@/lib/stations/mini-site";
import { dateLabel, monthLabel } from "@/lib/time";

/** "12,4 °C le 3 décembre 2026", linking to the day, or "—". */
function Best({ parameter, best }: { parameter: RecordParameter; best: Candidate | undefined }) {
  if (!best) return <>—</>;
  return (
    <>
      <strong>{formatValue(best.value, parameter.unit, parameter.decimals).trim()}</strong> le{" "}
      <PageLink href={`/jour/${best.date}`}>{dateLabel(best.date)}</PageLink>
    </>
  );
}

/**
 * The station's top days per parameter, each linking to its day page, with the best of this month, of
 * this year and of all time above each list.
 */
export function RecordsTables({ view, quality }: { view: RecordsPageView; quality: RecordQuality }) {
  const { tables, month, year, monthKey } = view;
  if (tables.length === 0) return <p>Pas encore de journée close pour établir des records.</p>;
  return (
    <div className="grid records">
      {tables.map(({ parameter, entries }) => (
        <section key={parameter.key} className="card" data-record={parameter.key}>
          <h2>{parameter.label}</h2>
          <dl className="facts period-bests">
            <div data-best="month">
              <dt>{monthLabel(monthKey)}</dt>
              <dd>
                <Best parameter={parameter} best={month.get(parameter.key)?.[0]} />
              </dd>
            </div>
            <div data-best="year">
              <dt>Année {monthKey.slice(0, 4)}</dt>
              <dd>
                <Best parameter={parameter} best={year.get(parameter.key)?.[0]} />
              </dd>
            </div>
            <div data-best="all">
              <dt>Record absolu</dt>
              <dd>
                <Best parameter={parameter} best={entries[0]} />
              </dd>
            </div>
          </dl>
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">Rang</th>
                <th scope="col" className="num">
                  {parameter.unit || "valeur"}
                </th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.date}>
                  <td>{e.rank}</td>
                  <td className="num" data-field="value">
                    {formatNumber(e.value, parameter.decimals)}
                  </td>
                  <td>
                    <PageLink href={`/jour/${e.date}`}>{dateLabel(e.date)}</PageLink>
                    {e.at ? <small className="muted"> {timeLabel(e.at)}</small> : null}
                    <QualityMark count={quality(parameter, e.date)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

/** Every day a records page shows. */
function recordDates(view: RecordsPageView): string[] {
  const candidates = [...view.month.values(), ...view.year.values()].flat();
  return [...view.tables.flatMap((t) => t.entries), ...candidates].map((e) => e.date);
}

/** The records page of a station, top 10 or top 30 (app/stations/[slug]/records and records/top-30). */
export async function RecordsPage({ slug, limit }: { slug: string; limit: 10 | 30 }) {
  const station = await stationOr404(slug);
  const view = await recordsPageView(station, limit);
  const quality = await qualityOfRecords(db(), station.id, recordDates(view));
  const concerned = view.tables.reduce(
    (n, { parameter, entries }) =>
      n +
      entries.filter((e) => {
        const count = quality(parameter, e.date);
        return count.erroneous + count.suspect > 0;
      }).length,
    0,
  );
  const month = currentMonth();
  return (
    <>
      <h1>
        Records de la station (top {limit}) <span className="muted">— {station.name}</span>
      </h1>
      <ClimateNav month={month} />
      <p className="muted">
        Journées closes uniquement ; ex æquo au même rang, la plus ancienne d'abord.{" "}
        {limit === 10 ? (
          <PageLink href="/records/top-30">Voir le top 30</PageLink>
        ) : (
          <PageLink href="/records">Revenir au top 10</PageLink>
        )}
      </p>
      {concerned > 0 && (
        <p className="banner banner-warning" data-field="quality-notice">
          Contrôle qualité : {concerned} record{concerned > 1 ? "s" : ""} de cette page{" "}
          {concerned > 1 ? "reposent" : "repose"} sur des journées où des valeurs des capteurs concernés ont
          été écartées comme erronées ou conservées comme suspectes (⚠).
        </p>
      )}
      <RecordsTables view={view} quality={quality} />
      <Method />
    </>
  );
}

export async function recordsMetadata(slug: string, limit: 10 | 30): Promise<Metadata> {
  const station = await stationOr404(slug);
  return { title: `${station.name} — records (top ${limit})` };
}

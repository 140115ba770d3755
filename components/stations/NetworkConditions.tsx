"use client";

import { TableScroll } from "@/components/tables/TableScroll";
import { freshness } from "@/lib/conditions/freshness";
import { formatValue } from "@/lib/format/numbers";
import type { NetworkJson } from "@/lib/opendata/endpoints";
import { formatDuration } from "@/lib/time";
import { useClock, WrittenTimesProvider } from "./clock";
import { usePolled } from "./usePolled";
import type { WrittenTimes } from "./values";

/**
 * The network's current conditions on the apex home, one compact row per live station, kept fresh
 * without reloading: the server renders the open-data API's JSON (GET /api/v1/stations), then the page
 * asks the API for it once a minute (usePolled) and keeps each record's age counting.
 */

export type NetworkStation = NetworkJson["stations"][number];

/** The stations shown keep their rows; each takes its latest state from the API's answer. */
function latestOf(shown: NetworkStation[], answer: NetworkJson): NetworkStation[] {
  const latest = new Map(answer.stations.map((station) => [station.slug, station]));
  return shown.map((station) => latest.get(station.slug) ?? station);
}

function Row({ station, now }: { station: NetworkStation; now: number }) {
  const { current } = station;
  const c = current.conditions;
  const clock = useClock();
  const time = current.time === null ? null : Date.parse(current.time) / 1000;
  const recorded = current.time === null ? "" : clock({ at: current.time });
  const { ageSeconds, offline } = freshness(time, station.offlineThresholdMinutes, now);
  const wind = c && [formatValue(c.wind.mean10min.speed, "km/h", 0), c.wind.mean10min.cardinal];
  return (
    <tr data-station={station.slug} className={offline ? "offline" : undefined}>
      <th scope="row">
        <a href={station.url}>{station.name}</a>
        <br />
        <small className="muted" data-field="dateTime">
          {current.unavailable ??
            (time === null || ageSeconds === null
              ? "Aucun relevé"
              : offline
                ? `${recorded}, hors ligne depuis ${formatDuration(ageSeconds)}`
                : `${recorded}, il y a ${formatDuration(ageSeconds)}`)}
        </small>
      </th>
      <td className="num" data-field="outTemp">
        <strong>{formatValue(c?.temperature.current, "°C")}</strong>
      </td>
      <td className="num" data-field="wind">
        {wind ? wind.filter(Boolean).join(" ") : "—"}
        {c?.wind.gust10min && (
          <>
            <br />
            <small className="muted">rafale {formatValue(c.wind.gust10min.value, "km/h", 0)}</small>
          </>
        )}
      </td>
      <td className="num" data-field="rainToday">
        {formatValue(c?.rain.sinceMidnight, "mm")}
      </td>
    </tr>
  );
}

export function NetworkConditions({
  initial,
  written,
  renderedAt,
  labelledBy,
}: {
  initial: NetworkStation[];
  /** The texts of the times of `initial` as the server wrote them (values.ts, writtenTimes). */
  written: WrittenTimes;
  /** Id of the heading that names the table. */
  labelledBy: string;
  /** Unix seconds when the server rendered `initial` (the page may come from a cache). */
  renderedAt: number;
}) {
  const [stations, now] = usePolled("/api/v1/stations", initial, renderedAt, latestOf);

  return (
    <WrittenTimesProvider value={written}>
      <TableScroll labelledBy={labelledBy}>
        <table className="data" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">Station, dernier relevé</th>
              <th scope="col" className="num">
                Temp.
              </th>
              <th scope="col" className="num">
                Vent (10 min)
              </th>
              <th scope="col" className="num">
                Pluie du jour
              </th>
            </tr>
          </thead>
          <tbody>
            {stations.map((station) => (
              <Row key={station.slug} station={station} now={now} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    </WrittenTimesProvider>
  );
}

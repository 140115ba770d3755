"use client";

import { useEffect, useState } from "react";
import { freshness } from "@/lib/conditions/freshness";
import { formatValue } from "@/lib/format/numbers";
import type { NetworkJson } from "@/lib/opendata/endpoints";
import { formatDuration } from "@/lib/time";
import { at } from "./values";

/**
 * The network's current conditions on the apex home, one compact row per live station, kept fresh
 * without reloading: the server renders the open-data API's JSON (GET /api/v1/stations), then the page
 * asks the API for it once a minute (answered from a one-minute cache) and keeps each record's age counting.
 */

const REFRESH_MS = 60_000;
const TICK_MS = 15_000;

export type NetworkStation = NetworkJson["stations"][number];

function Row({ station, now }: { station: NetworkStation; now: number }) {
  const { current } = station;
  const c = current.conditions;
  const time = current.time === null ? null : Date.parse(current.time) / 1000;
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
                ? `${at(time)}, hors ligne depuis ${formatDuration(ageSeconds)}`
                : `${at(time)}, il y a ${formatDuration(ageSeconds)}`)}
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
  renderedAt,
  labelledBy,
}: {
  initial: NetworkStation[];
  /** Id of the heading that names the table. */
  labelledBy: string;
  /** Unix seconds when the server rendered `initial` (the page may come from a cache). */
  renderedAt: number;
}) {
  const [stations, setStations] = useState(initial);
  // The server's clock first (the same text on both sides), the browser's from the first effect on.
  const [now, setNow] = useState(renderedAt);

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      try {
        const response = await fetch("/api/v1/stations");
        if (!response.ok || stopped) return;
        const latest = new Map(
          ((await response.json()) as NetworkJson).stations.map((station) => [station.slug, station]),
        );
        if (!stopped) setStations((shown) => shown.map((station) => latest.get(station.slug) ?? station));
      } catch {
        // offline browser or server restarting: keep the values shown, try again next minute
      }
    };
    const tick = () => setNow(Math.floor(Date.now() / 1000));
    tick();
    if (Date.now() / 1000 - renderedAt > REFRESH_MS / 1000) refresh();
    const refreshing = setInterval(refresh, REFRESH_MS);
    const ticking = setInterval(tick, TICK_MS);
    return () => {
      stopped = true;
      clearInterval(refreshing);
      clearInterval(ticking);
    };
  }, [renderedAt]);

  return (
    <div className="table-scroll">
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
    </div>
  );
}

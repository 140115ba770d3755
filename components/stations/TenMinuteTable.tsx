"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { DECIMALS, formatNumber } from "@/lib/format/numbers";
import { cardinal } from "@/lib/weather/wind";
import { dayTime } from "./values";

/**
 * The day page's 10-minute table, in a fold fetched the first time it is opened: from the open-data
 * API (cached like it), so that the page does not carry 36 hours of rows twice, as HTML and again in
 * its RSC payload. `children` (the summary, a note, links to the same values as CSV) are all a visitor
 * without JavaScript gets.
 */

/** A row as the API answers it at the 10-minute step (values rounded to their quantity's decimals). */
interface Row {
  /** End of the 10 minutes, ISO-8601 UTC. */
  time: string;
  outTemp: number | null;
  outHumidity: number | null;
  dewpoint: number | null;
  barometer: number | null;
  windSpeed: number | null;
  windDir: number | null;
  windGust: number | null;
  windGustDir: number | null;
  rain: number | null;
  rainRate: number | null;
  UV?: number | null;
  radiation?: number | null;
}

type Loaded = "loading" | "failed" | Row[];

export interface TenMinuteTableProps {
  /** The API's JSON address for the day's window at the 10-minute step. */
  source: string;
  /** The local day ("YYYY-MM-DD"): times on other days show their date. */
  day: string;
  hasUv: boolean;
  hasRadiation: boolean;
  children: ReactNode;
}

export function TenMinuteTable({ source, day, hasUv, hasRadiation, children }: TenMinuteTableProps) {
  const fold = useRef<HTMLDetailsElement>(null);
  const [wanted, setWanted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>("loading");

  // A fold opened before the page was interactive sent its toggle event before React listened.
  useEffect(() => {
    if (fold.current?.open) setWanted(true);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is there to fetch again
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    setLoaded("loading");
    fetch(source)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<{ observations: Row[] }>;
      })
      .then(
        ({ observations }) => !cancelled && setLoaded(observations),
        () => !cancelled && setLoaded("failed"),
      );
    return () => {
      cancelled = true;
    };
  }, [wanted, source, attempt]);

  return (
    <details
      ref={fold}
      className="fold"
      data-fold="ten-minutes"
      onToggle={(event) => event.currentTarget.open && setWanted(true)}
    >
      {children}
      {wanted &&
        (loaded === "loading" ? (
          <p className="muted" role="status">
            Chargement du tableau…
          </p>
        ) : loaded === "failed" ? (
          <p className="banner banner-warning" role="alert">
            Le tableau n'a pas pu être chargé. Vérifiez votre connexion, puis{" "}
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>
              réessayez
            </button>
            , ou téléchargez les valeurs en CSV ci-dessus.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data compact" data-table="ten-minutes">
              <thead>
                <tr>
                  <th>Heure</th>
                  <th className="num">Temp. (°C)</th>
                  <th className="num">Hum. (%)</th>
                  <th className="num">Rosée (°C)</th>
                  <th className="num">Pression (hPa)</th>
                  <th className="num">Vent (km/h)</th>
                  <th>Dir.</th>
                  <th className="num">Rafale (km/h)</th>
                  <th className="num">Pluie (mm)</th>
                  <th className="num">Intensité (mm/h)</th>
                  {hasUv && <th className="num">UV</th>}
                  {hasRadiation && <th className="num">Rayonnement (W/m²)</th>}
                </tr>
              </thead>
              <tbody>
                {loaded.map((row) => {
                  const time = Date.parse(row.time) / 1000;
                  return (
                    <tr key={time} data-time={time}>
                      <th scope="row">{dayTime(time, day)}</th>
                      <td className="num" data-field="outTemp">
                        {formatNumber(row.outTemp, DECIMALS.temperature)}
                      </td>
                      <td className="num" data-field="outHumidity">
                        {formatNumber(row.outHumidity, DECIMALS.humidity)}
                      </td>
                      <td className="num" data-field="dewpoint">
                        {formatNumber(row.dewpoint, DECIMALS.temperature)}
                      </td>
                      <td className="num" data-field="barometer">
                        {formatNumber(row.barometer, DECIMALS.pressure)}
                      </td>
                      <td className="num" data-field="windSpeed">
                        {formatNumber(row.windSpeed, DECIMALS.speed)}
                      </td>
                      <td data-field="windDir">{cardinal(row.windDir) ?? "—"}</td>
                      <td className="num" data-field="windGust">
                        {formatNumber(row.windGust, DECIMALS.speed)}
                        {row.windGustDir != null && ` ${cardinal(row.windGustDir)}`}
                      </td>
                      <td className="num" data-field="rain">
                        {formatNumber(row.rain, DECIMALS.rain)}
                      </td>
                      <td className="num" data-field="rainRate">
                        {formatNumber(row.rainRate, DECIMALS.rainRate)}
                      </td>
                      {hasUv && (
                        <td className="num" data-field="UV">
                          {formatNumber(row.UV, DECIMALS.uv)}
                        </td>
                      )}
                      {hasRadiation && (
                        <td className="num" data-field="radiation">
                          {formatNumber(row.radiation, DECIMALS.radiation)}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </details>
  );
}

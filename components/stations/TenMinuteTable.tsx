"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { TableScroll } from "@/components/tables/TableScroll";
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

type Column = { field: Exclude<keyof Row, "time" | "windGustDir">; label: string; decimals: number };

/** The table's columns after the time: the wind's direction as a compass point, the gust with its own. */
const COLUMNS: Column[] = [
  { field: "outTemp", label: "Temp. (°C)", decimals: DECIMALS.temperature },
  { field: "outHumidity", label: "Hum. (%)", decimals: DECIMALS.humidity },
  { field: "dewpoint", label: "Rosée (°C)", decimals: DECIMALS.temperature },
  { field: "barometer", label: "Pression (hPa)", decimals: DECIMALS.pressure },
  { field: "windSpeed", label: "Vent (km/h)", decimals: DECIMALS.speed },
  { field: "windDir", label: "Dir.", decimals: 0 },
  { field: "windGust", label: "Rafale (km/h)", decimals: DECIMALS.speed },
  { field: "rain", label: "Pluie (mm)", decimals: DECIMALS.rain },
  { field: "rainRate", label: "Intensité (mm/h)", decimals: DECIMALS.rainRate },
  { field: "UV", label: "UV", decimals: DECIMALS.uv },
  { field: "radiation", label: "Rayonnement (W/m²)", decimals: DECIMALS.radiation },
];

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
  const columns = COLUMNS.filter(
    ({ field }) => (field !== "UV" || hasUv) && (field !== "radiation" || hasRadiation),
  );

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
          <TableScroll label="Relevés toutes les 10 minutes">
            <table className="data compact" data-table="ten-minutes">
              <thead>
                <tr>
                  <th>Heure</th>
                  {columns.map((column) => (
                    <th key={column.field} className={column.field === "windDir" ? undefined : "num"}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {loaded.map((row) => {
                  const time = Date.parse(row.time) / 1000;
                  return (
                    <tr key={time} data-time={time}>
                      <th scope="row">{dayTime(time, day)}</th>
                      {columns.map(({ field, decimals }) => (
                        <td
                          key={field}
                          className={field === "windDir" ? undefined : "num"}
                          data-field={field}
                        >
                          {field === "windDir"
                            ? (cardinal(row.windDir) ?? "—")
                            : formatNumber(row[field], decimals)}
                          {field === "windGust" && row.windGustDir != null && ` ${cardinal(row.windGustDir)}`}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        ))}
    </details>
  );
}

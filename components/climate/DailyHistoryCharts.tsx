"use client";

import { useEffect, useState } from "react";
import { TimeSeriesChart } from "@/components/charts/TimeSeriesChart";
import { type DailyPoint, runningRainTotals, seriesOf } from "@/lib/climate/series";

/**
 * Charts of a station's whole daily history, fetched from the daily climatology API when shown (years of
 * days never weigh on the page's HTML). `view`: temperatures and rain, or the coverage of the windows.
 */
export function DailyHistoryCharts({
  slug,
  from,
  to,
  view,
}: {
  slug: string;
  from: string;
  to: string;
  view: "climate" | "coverage";
}) {
  const [days, setDays] = useState<DailyPoint[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let cancelled = false;
    fetch(`/api/v1/stations/${slug}/climate/daily?from=${from}&to=${to}`)
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
      )
      .then((json: { days: DailyPoint[] }) => !cancelled && setDays(json.days))
      .catch(() => !cancelled && setError(true));
    return () => {
      cancelled = true;
    };
  }, [slug, from, to]);
  if (error) return <p className="error">Les données quotidiennes n'ont pas pu être chargées.</p>;
  if (!days) return <p className="muted">Chargement des données quotidiennes…</p>;
  if (view === "coverage") {
    return (
      <TimeSeriesChart
        title="Couverture quotidienne des fenêtres Tn (18–18 h UTC) et Tx (06–06 h UTC)"
        fileName={`${slug}-couverture`}
        axes={[{ id: "y", label: "%", min: 0, max: 100 }]}
        series={[
          {
            label: "Couverture Tn",
            unit: "%",
            color: "#1971c2",
            points: seriesOf(days, (d) => d.coverage.tn * 100),
          },
          {
            label: "Couverture Tx",
            unit: "%",
            color: "#d9480f",
            points: seriesOf(days, (d) => d.coverage.tx * 100),
          },
        ]}
      />
    );
  }
  const totals = runningRainTotals(days);
  return (
    <>
      <TimeSeriesChart
        title="Températures quotidiennes depuis le début des mesures (Tn, Tmoy, Tx)"
        fileName={`${slug}-historique-temperatures`}
        axes={[{ id: "y", label: "°C" }]}
        series={[
          { label: "Tx", unit: "°C", color: "#d9480f", points: seriesOf(days, (d) => d.tx) },
          { label: "Tmoy", unit: "°C", color: "#5c677d", points: seriesOf(days, (d) => d.tnTxMean) },
          { label: "Tn", unit: "°C", color: "#1971c2", points: seriesOf(days, (d) => d.tn) },
        ]}
      />
      <TimeSeriesChart
        title="Précipitations quotidiennes et cumuls courants du mois et de l'année"
        fileName={`${slug}-historique-precipitations`}
        axes={[
          { id: "y", label: "mm / jour", beginAtZero: true },
          { id: "total", label: "cumul (mm)", position: "right", beginAtZero: true },
        ]}
        series={[
          { label: "RR", unit: "mm", color: "#1c7ed6", kind: "bar", points: seriesOf(days, (d) => d.rr) },
          { label: "Cumul du mois", unit: "mm", color: "#2b8a3e", axis: "total", points: totals.month },
          { label: "Cumul de l'année", unit: "mm", color: "#862e9c", axis: "total", points: totals.year },
        ]}
      />
    </>
  );
}

"use client";

import { DECIMALS, formatNumber } from "@/lib/format/numbers";
import type { QualityFlag } from "@/lib/qc/store";
import type { ChartData, ChartKind } from "@/lib/series/chart-data";
import type { DayMarks } from "@/lib/series/marks";
import { formatParis } from "@/lib/time";
import { cardinal } from "@/lib/weather/wind";
import { type ChartAnnotation, type ChartSeries, TimeSeriesChart } from "./TimeSeriesChart";

/**
 * The charts of a station's series, drawn in the browser from the compact columns StationCharts sends:
 * temperature with humidity and dew point (and the min–max band at aggregated steps), pressure, wind
 * with gusts and directions, rain per step with its running total and maximum rate, and the solar
 * sensors the station has.
 */

export interface StationChartsViewProps {
  data: ChartData;
  /** Whether the rows are buckets of an aggregated step (means, minima, maxima) or raw records. */
  aggregated: boolean;
  /** Which charts, in order (the solar ones only when the data has values). */
  charts: ChartKind[];
  /** Night periods to shade. */
  shade?: [number, number][];
  /** Tn / Tx / RR labels. */
  marks?: DayMarks[];
  /** Prefix of the download file names. */
  fileName: string;
  /** Since when the running rain total counts, e.g. "depuis 06 h UTC" (after "Cumul"). */
  rainTotalLabel: string;
  height?: number;
  /** Values the quality control flagged: drawn as points of their own, with the check's figures. */
  flags: readonly QualityFlag[];
}

const clock = (t: number) => formatParis(t, { hour: "2-digit", minute: "2-digit" });

/** Which chart (and axis) shows each flagged quantity. */
const FLAG_PLACE: Record<string, { chart: ChartKind; axis?: string; unit: string }> = {
  outTemp: { chart: "temperature", unit: "°C" },
  dewpoint: { chart: "temperature", unit: "°C" },
  outHumidity: { chart: "temperature", axis: "h", unit: "%" },
  barometer: { chart: "pressure", unit: "hPa" },
  windSpeed: { chart: "wind", unit: "km/h" },
  windGust: { chart: "wind", unit: "km/h" },
  rain: { chart: "rain", unit: "mm" },
  rainRate: { chart: "rain", axis: "r", unit: "mm/h" },
  radiation: { chart: "radiation", unit: "W/m²" },
  UV: { chart: "uv", unit: "indice" },
};

/**
 * The flagged values of one chart as point series: erroneous ones (left out of the lines) and
 * suspect ones (kept), each point's tooltip giving the check's figures.
 */
function flagSeries(flags: readonly QualityFlag[], kind: ChartKind): ChartSeries[] {
  const series: ChartSeries[] = [];
  for (const level of ["ERRONEOUS", "SUSPECT"] as const) {
    for (const axis of [undefined, "h", "r"]) {
      const mine = flags.filter(
        (f) =>
          f.level === level &&
          f.value != null &&
          FLAG_PLACE[f.quantity]?.chart === kind &&
          FLAG_PLACE[f.quantity].axis === axis,
      );
      if (mine.length === 0) continue;
      series.push({
        label: level === "ERRONEOUS" ? "Valeurs erronées (écartées)" : "Valeurs suspectes",
        unit: FLAG_PLACE[mine[0].quantity].unit,
        color: level === "ERRONEOUS" ? "#e03131" : "#f59f00",
        points: mine.map((f) => [f.time, f.value as number]),
        note: (index) => mine[index].detail,
        axis,
        pointsOnly: true,
      });
    }
  }
  return series;
}

/** A gust's direction and time, for its tooltip (null where there is no gust). */
function gustNote(columns: ChartData["columns"]): (index: number) => string | null {
  const { windGust = [], windGustDir = [], windGustTime = [] } = columns;
  return (i) => {
    if (windGust[i] == null) return null;
    const direction = windGustDir[i];
    const time = windGustTime[i];
    return [
      direction != null ? `de ${cardinal(direction)} (${Math.round(direction)}°)` : null,
      time != null ? `à ${clock(time)}` : null,
    ]
      .filter(Boolean)
      .join(" ");
  };
}

export function StationChartsView({
  data,
  aggregated,
  charts,
  shade,
  marks = [],
  fileName,
  rainTotalLabel,
  height,
  flags,
}: StationChartsViewProps) {
  const { times, columns } = data;
  const values = (column: string) => columns[column] ?? [];
  const common = { shade, height, times };
  const rendered = charts.map((kind) => {
    switch (kind) {
      case "temperature": {
        const series: ChartSeries[] = [];
        if (aggregated)
          series.push(
            {
              label: "Maximum",
              unit: "°C",
              color: "#e8590c",
              values: values("outTempMax"),
              decimals: DECIMALS.temperature,
            },
            {
              label: "Minimum",
              unit: "°C",
              color: "#e8590c",
              values: values("outTempMin"),
              fillTo: 0,
              decimals: DECIMALS.temperature,
            },
          );
        series.push(
          {
            label: aggregated ? "Température moyenne" : "Température",
            unit: "°C",
            color: "#d9480f",
            values: values("outTemp"),
            decimals: DECIMALS.temperature,
          },
          {
            label: "Point de rosée",
            unit: "°C",
            color: "#1971c2",
            values: values("dewpoint"),
            decimals: DECIMALS.temperature,
          },
          {
            label: "Humidité",
            unit: "%",
            color: "#0c8599",
            values: values("outHumidity"),
            axis: "h",
            decimals: DECIMALS.humidity,
          },
        );
        const annotations: ChartAnnotation[] = marks.flatMap((m) => [
          ...(m.tn
            ? [
                {
                  time: m.tn.at,
                  value: m.tn.value,
                  label: `Tn ${formatNumber(m.tn.value)}`,
                  color: "#1864ab",
                },
              ]
            : []),
          ...(m.tx
            ? [
                {
                  time: m.tx.at,
                  value: m.tx.value,
                  label: `Tx ${formatNumber(m.tx.value)}`,
                  color: "#c92a2a",
                },
              ]
            : []),
        ]);
        return (
          <TimeSeriesChart
            key={kind}
            {...common}
            title="Température, point de rosée et humidité"
            fileName={`${fileName}-temperature`}
            axes={[
              { id: "y", label: "°C" },
              { id: "h", label: "%", position: "right", min: 0, max: 100 },
            ]}
            series={[...series, ...flagSeries(flags, kind)]}
            annotations={annotations}
          />
        );
      }
      case "pressure":
        return (
          <TimeSeriesChart
            key={kind}
            {...common}
            title="Pression ramenée au niveau de la mer"
            fileName={`${fileName}-pression`}
            axes={[{ id: "y", label: "hPa" }]}
            series={[
              {
                label: "Pression",
                unit: "hPa",
                color: "#5f3dc4",
                values: values("barometer"),
                decimals: DECIMALS.pressure,
              },
              ...flagSeries(flags, kind),
            ]}
          />
        );
      case "wind":
        return (
          <TimeSeriesChart
            key={kind}
            {...common}
            title="Vent moyen, rafales et direction"
            fileName={`${fileName}-vent`}
            axes={[
              { id: "y", label: "km/h", beginAtZero: true },
              { id: "d", label: "direction (°)", position: "right", min: 0, max: 360 },
            ]}
            series={[
              {
                label: aggregated ? "Vent moyen" : "Vent",
                unit: "km/h",
                color: "#2b8a3e",
                values: values("windSpeed"),
                decimals: DECIMALS.speed,
              },
              {
                label: aggregated ? "Rafale maximale" : "Rafale",
                unit: "km/h",
                color: "#e67700",
                values: values("windGust"),
                decimals: DECIMALS.speed,
                note: gustNote(columns),
              },
              {
                label: aggregated ? "Direction moyenne" : "Direction",
                unit: "°",
                color: "#868e96",
                values: values("windDir"),
                axis: "d",
                decimals: DECIMALS.direction,
                pointsOnly: true,
              },
              ...flagSeries(flags, kind),
            ]}
          />
        );
      case "rain":
        return (
          <TimeSeriesChart
            key={kind}
            {...common}
            title="Pluie, cumul et intensité maximale"
            fileName={`${fileName}-pluie`}
            axes={[
              { id: "y", label: "mm", beginAtZero: true, suggestedMax: 1 },
              { id: "c", label: "mm (cumul)", position: "right", beginAtZero: true, suggestedMax: 1 },
              { id: "r", label: "mm/h", position: "right", beginAtZero: true, suggestedMax: 1 },
            ]}
            series={[
              {
                label: "Pluie",
                unit: "mm",
                color: "#1c7ed6",
                values: values("rain"),
                kind: "bar",
                decimals: DECIMALS.rain,
              },
              {
                label: `Cumul ${rainTotalLabel}`,
                unit: "mm",
                color: "#0b7285",
                values: values("rainTotal"),
                axis: "c",
                decimals: DECIMALS.rain,
              },
              {
                label: aggregated ? "Intensité maximale" : "Intensité",
                unit: "mm/h",
                color: "#c2255c",
                values: values("rainRate"),
                axis: "r",
                decimals: DECIMALS.rainRate,
              },
              ...flagSeries(flags, kind),
            ]}
            annotations={marks.flatMap((m) =>
              m.rr && m.rr.value > 0
                ? [
                    {
                      time: m.rr.at,
                      value: 0,
                      label: `RR ${formatNumber(m.rr.value)}`,
                      axis: "y",
                      color: "#1864ab",
                    },
                  ]
                : [],
            )}
          />
        );
      case "uv":
      case "radiation": {
        const column = kind === "uv" ? "UV" : "radiation";
        if (!(column in columns)) return null;
        const unit = kind === "uv" ? "indice" : "W/m²";
        const label = kind === "uv" ? "Indice UV" : "Rayonnement solaire";
        const series: ChartSeries[] = [
          {
            label: aggregated ? `${label} moyen` : label,
            unit,
            color: kind === "uv" ? "#7048e8" : "#f08c00",
            values: values(column),
            decimals: DECIMALS[kind],
          },
        ];
        if (aggregated)
          series.push({
            label: `${label} maximal`,
            unit,
            color: "#adb5bd",
            values: values(`${column}Max`),
            decimals: DECIMALS[kind],
          });
        return (
          <TimeSeriesChart
            key={kind}
            {...common}
            title={label}
            fileName={`${fileName}-${kind}`}
            axes={[{ id: "y", label: unit, beginAtZero: true }]}
            series={[...series, ...flagSeries(flags, kind)]}
          />
        );
      }
      case "et":
        if (!("ET" in columns)) return null;
        return (
          <TimeSeriesChart
            key={kind}
            {...common}
            title="Évapotranspiration"
            fileName={`${fileName}-evapotranspiration`}
            axes={[{ id: "y", label: "mm", beginAtZero: true }]}
            series={[
              {
                label: "Évapotranspiration",
                unit: "mm",
                color: "#5c940d",
                values: values("ET"),
                kind: "bar",
                decimals: DECIMALS.evapotranspiration,
              },
            ]}
          />
        );
    }
    return null;
  });
  return <>{rendered}</>;
}

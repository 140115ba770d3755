"use client";

import type { Chart, ChartConfiguration, ChartDataset, Plugin } from "chart.js";
import { useEffect, useMemo, useRef, useState } from "react";
import { csvFileName, csvLine, frenchCsv } from "@/lib/format/csv";
import { formatNumber } from "@/lib/format/numbers";
import { formatParis } from "@/lib/time";
import { type Granularity, tickLabel, ticksForWidth } from "./timeTicks";
import { useWanted } from "./useWanted";

/**
 * A time-series chart (chart.js, loaded only once the chart nears the screen or is touched: a page paints
 * without it, and one whose charts are below the fold never pays for them). Times are unix seconds and
 * shown in Europe/Paris. Plain serialisable props, so server components can pass data straight in.
 * Drag to zoom (double-click resets); the shown data can be downloaded as CSV (standard or in the French
 * spreadsheet dialect) and the chart as PNG.
 */

export type Point = [time: number, value: number | null];

export interface ChartSeries {
  label: string;
  unit: string;
  /** [time, value] points; or `values` aligned with the chart's shared `times` (half the page weight). */
  points?: Point[];
  values?: (number | null)[];
  color: string;
  kind?: "line" | "bar";
  /** Id of the y axis ("y" by default). */
  axis?: string;
  /** Draw as a filled band between this series and `fillTo` (the index of another series), e.g. min–max. */
  fillTo?: number;
  /** Draw points only, no line (wind directions, for instance). */
  pointsOnly?: boolean;
  /** Hidden at first (the legend toggles it). */
  hidden?: boolean;
  /**
   * Extra tooltip text of the point at an index (same order as `points`), e.g. a gust's direction and
   * time: written when the tooltip opens, not for every point while the page starts.
   */
  note?: (index: number) => string | null;
  /** Decimals shown in the tooltip: the quantity's DECIMALS (lib/format/numbers.ts); 1 by default. */
  decimals?: number;
}

/** A labelled point drawn over the chart (e.g. a day's Tn and Tx, or its rain total). */
export interface ChartAnnotation {
  time: number;
  value: number;
  label: string;
  /** Id of the y axis ("y" by default). */
  axis?: string;
  color?: string;
}

export interface ChartAxis {
  id: string;
  label: string;
  position?: "left" | "right";
  min?: number;
  max?: number;
  /** Start at zero (rain, wind). */
  beginAtZero?: boolean;
  /** The scale reaches at least this value (1 mm of rain), so that tiny amounts do not fill the chart. */
  suggestedMax?: number;
}

export interface TimeSeriesChartProps {
  /** Accessible description of what the chart shows. */
  title: string;
  series: ChartSeries[];
  /** Times shared by the series given as `values`. */
  times?: number[];
  axes?: ChartAxis[];
  /** Periods to shade (nights), as [from, to] unix seconds. */
  shade?: [number, number][];
  height?: number;
  /** File name (without extension) for the downloads. */
  fileName?: string;
  annotations?: ChartAnnotation[];
}

/** A y tick in French ("−2,5"), with the decimals its step needs. */
function yTick(value: number | string): string {
  const number = Number(value);
  const decimals = Math.min(3, (String(number).split(".")[1] ?? "").length);
  return formatNumber(number, decimals);
}

/** Fewer ticks and smaller legend on a phone, so that labels never overlap. */
const NARROW = 480;

/** A tooltip's time; the formatter is made on the first tooltip, not while the page hydrates. */
const TOOLTIP_TIME: Intl.DateTimeFormatOptions = {
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
};

function shadePlugin(periods: [number, number][]): Plugin {
  return {
    id: "shade",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.fillStyle = "rgba(90, 110, 140, 0.12)";
      for (const [from, to] of periods) {
        const left = Math.max(scales.x.getPixelForValue(from), chartArea.left);
        const right = Math.min(scales.x.getPixelForValue(to), chartArea.right);
        if (right > left) ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      }
      ctx.restore();
    },
  };
}

/**
 * Writes the tooltip's lines, as text, into `region` (a live region under the canvas): screen readers
 * hear what the pointer shows, which a canvas alone cannot tell them.
 */
function tooltipTextPlugin(region: { current: HTMLElement | null }): Plugin {
  return {
    id: "tooltipText",
    afterTooltipDraw(_chart, { tooltip }) {
      const lines = [
        ...tooltip.title,
        ...tooltip.body.flatMap((part) => [...part.before, ...part.lines, ...part.after]),
      ].filter(Boolean);
      const text = lines.join(" ; ");
      if (region.current && region.current.textContent !== text) region.current.textContent = text;
    },
  };
}

function annotationPlugin(annotations: ChartAnnotation[]): Plugin {
  return {
    id: "annotations",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.font = `600 11px ${chart.options.font?.family ?? "sans-serif"}`;
      ctx.textAlign = "center";
      for (const a of annotations) {
        const y = scales[a.axis ?? "y"];
        if (!y) continue;
        const px = scales.x.getPixelForValue(a.time);
        const py = y.getPixelForValue(a.value);
        if (px < chartArea.left || px > chartArea.right || py < chartArea.top || py > chartArea.bottom)
          continue;
        ctx.fillStyle = a.color ?? "#333";
        ctx.beginPath();
        ctx.arc(px, py, 3, 0, 2 * Math.PI);
        ctx.fill();
        const above = py - chartArea.top > 18;
        ctx.fillText(a.label, px, above ? py - 7 : py + 15);
      }
      ctx.restore();
    },
  };
}

/** What a chart being made may do yet: take its options and canvas, lay out its scales, paint. */
type Step = "options" | "layout" | "paint";

/**
 * Holds chart.js at the current step (its `before…` hooks cancel what returns false): no layout before
 * "layout", no paint and no pointer event before "paint".
 */
function stepsPlugin(step: () => Step): Plugin {
  return {
    id: "steps",
    beforeUpdate: () => step() !== "options",
    beforeRender: () => step() === "paint",
    beforeEvent: () => step() === "paint",
  };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve));

type ResolvedSeries = ChartSeries & { points: Point[] };

/** Every series with its [time, value] points. */
function resolve(series: ChartSeries[], times: number[] = []): ResolvedSeries[] {
  return series.map((s) => ({
    ...s,
    points: s.points ?? (s.values ?? []).map((value, i): Point => [times[i], value]),
  }));
}

function toCsv(series: ResolvedSeries[], from: number, to: number): string {
  const times = [...new Set(series.flatMap((s) => s.points.map(([t]) => t)))]
    .filter((t) => t >= from && t <= to)
    .sort((a, b) => a - b);
  const lookup = series.map((s) => new Map(s.points));
  let csv = csvLine(["heure_utc", ...series.map((s) => `${s.label} (${s.unit})`)]);
  for (const t of times) {
    const values = lookup.map((m) => m.get(t) ?? null);
    // Rows without any value are the breaks drawn at a station's outages, not data.
    if (values.some((value) => value !== null)) csv += csvLine([new Date(t * 1000).toISOString(), ...values]);
  }
  return csv;
}

function download(name: string, href: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  link.click();
}

const DEFAULT_AXES: ChartAxis[] = [{ id: "y", label: "" }];
const NO_SHADE: [number, number][] = [];
const NO_ANNOTATIONS: ChartAnnotation[] = [];

export function TimeSeriesChart({
  title,
  series: given,
  times,
  axes = DEFAULT_AXES,
  shade = NO_SHADE,
  height = 280,
  fileName = "graphique",
  annotations = NO_ANNOTATIONS,
}: TimeSeriesChartProps) {
  const series = useMemo(() => resolve(given, times), [given, times]);
  const figure = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const tooltipText = useRef<HTMLParagraphElement>(null);
  const [ready, setReady] = useState(false);
  const wanted = useWanted(figure);

  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    (async () => {
      const { Chart: ChartJS } = await import("./chartjs");
      // Each chart drawn in tasks of its own: the charts on screen when chart.js arrives were all drawn
      // in the task that evaluated it (130 ms on the charts page, unthrottled), the phone frozen meanwhile.
      await nextTask();
      // A page's first date formatter starts the browser's ICU (15-20 ms of a desktop's CPU): made in a
      // task of its own, not inside the chart's layout, which formats the axis's times.
      tickLabel(Date.now() / 1000, "hour");
      await nextTask();
      if (cancelled || !canvas.current) return;
      const narrow = canvas.current.clientWidth < NARROW;
      const style = getComputedStyle(document.documentElement);
      const text = style.getPropertyValue("--muted").trim() || "#5b6776";
      const grid = style.getPropertyValue("--border").trim() || "#d8dee6";
      let [first, last] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
      for (const s of series)
        for (const [t] of s.points) {
          if (t < first) first = t;
          if (t > last) last = t;
        }
      let granularity: Granularity = "hour";
      // Made in three tasks, none long on a phone: at once, the first chart of a page took 30 ms of a
      // desktop's CPU (chart.js's code still cold), 120 ms on Lighthouse's phone.
      let step: Step = "options";
      const datasets: ChartDataset<"line" | "bar", { x: number; y: number | null }[]>[] = series.map((s) => ({
        type: s.kind ?? "line",
        label: `${s.label} (${s.unit})`,
        data: s.points.map(([x, y]) => ({ x, y })),
        borderColor: s.color,
        backgroundColor: s.fillTo !== undefined ? `${s.color}33` : s.color,
        yAxisID: s.axis ?? "y",
        hidden: s.hidden,
        borderWidth: s.kind === "bar" ? 0 : 1.5,
        pointRadius: s.pointsOnly ? 2 : 0,
        showLine: !s.pointsOnly,
        spanGaps: false,
        fill: s.fillTo !== undefined ? s.fillTo : false,
      }));
      const config: ChartConfiguration<"line" | "bar", { x: number; y: number | null }[]> = {
        type: "line",
        data: { datasets },
        options: {
          animation: false,
          locale: "fr-FR",
          maintainAspectRatio: false,
          parsing: false,
          normalized: true,
          interaction: { mode: "index", intersect: false },
          scales: {
            x: {
              type: "linear",
              bounds: "data",
              min: Number.isFinite(first) ? first : undefined,
              max: Number.isFinite(last) ? last : undefined,
              // Ticks on round local times (hours, midnights, months), recomputed when zooming.
              afterBuildTicks: (axis) => {
                const built = ticksForWidth(axis.min, axis.max, axis.width || axis.chart.width);
                granularity = built.granularity;
                axis.ticks = built.ticks.map((value) => ({ value }));
              },
              ticks: {
                color: text,
                maxRotation: 0,
                autoSkip: false,
                callback: (value) => tickLabel(Number(value), granularity),
              },
              grid: { color: grid },
            },
            ...Object.fromEntries(
              axes.map((axis) => [
                axis.id,
                {
                  type: "linear" as const,
                  display: "auto" as const, // hidden while all its series are
                  position: axis.position ?? "left",
                  min: axis.min,
                  max: axis.max,
                  beginAtZero: axis.beginAtZero,
                  suggestedMax: axis.suggestedMax,
                  title: { display: Boolean(axis.label), text: axis.label, color: text },
                  ticks: {
                    color: text,
                    maxTicksLimit: narrow ? 5 : 8,
                    callback: yTick,
                  },
                  grid: { color: grid, drawOnChartArea: axis.position !== "right" },
                },
              ]),
            ),
          },
          plugins: {
            legend: {
              labels: {
                color: text,
                boxWidth: 12,
                font: { size: narrow ? 11 : 12 },
              },
            },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const s = series[item.datasetIndex];
                  const value = item.parsed.y;
                  return `${s.label} : ${formatNumber(value, s.decimals ?? 1)}${value == null ? "" : `\u202f${s.unit}`}`;
                },
                title: (items) => (items[0] ? formatParis(Number(items[0].parsed.x), TOOLTIP_TIME) : ""),
                afterLabel: (item) => series[item.datasetIndex]?.note?.(item.dataIndex) ?? "",
              },
            },
            zoom: { zoom: { drag: { enabled: true }, mode: "x" }, limits: { x: { minRange: 600 } } },
          },
        },
        plugins: [
          shadePlugin(shade),
          annotationPlugin(annotations),
          tooltipTextPlugin(tooltipText),
          stepsPlugin(() => step),
        ],
      };
      chart.current = new ChartJS(canvas.current, config as ChartConfiguration);
      await nextTask();
      if (cancelled) return;
      step = "layout";
      chart.current?.update();
      await nextTask();
      if (cancelled) return;
      step = "paint";
      chart.current?.render();
      setReady(true);
    })();
    return () => {
      cancelled = true;
      chart.current?.destroy();
      chart.current = null;
    };
  }, [wanted, series, axes, shade, annotations]);

  const shownRange = (): [number, number] => {
    const x = chart.current?.scales.x;
    return x ? [x.min, x.max] : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  };
  /** The shown data, standard CSV or in the French spreadsheet dialect. */
  const downloadCsv = (french: boolean) => {
    const csv = toCsv(series, ...shownRange());
    const blob = new Blob([french ? frenchCsv(csv) : csv], { type: "text/csv;charset=utf-8" });
    download(csvFileName(fileName, french), URL.createObjectURL(blob));
  };

  return (
    <figure
      ref={figure}
      className="chart"
      data-chart={ready ? "ready" : "waiting"}
      data-points={Math.max(0, ...series.map((s) => s.points.length))}
    >
      <div style={{ position: "relative", height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <p ref={tooltipText} className="visually-hidden" aria-live="polite" data-chart-tooltip />
      <figcaption className="chart-tools">
        <span className="muted">{title}</span>
        <button
          type="button"
          disabled={!ready}
          onClick={() => (chart.current as unknown as { resetZoom(): void })?.resetZoom()}
        >
          Zoom initial
        </button>
        <button type="button" disabled={!ready} onClick={() => downloadCsv(false)}>
          Données CSV
        </button>
        <button
          type="button"
          disabled={!ready}
          data-dialect="fr"
          title="point-virgule, virgule décimale"
          onClick={() => downloadCsv(true)}
        >
          CSV pour tableur français
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => chart.current && download(`${fileName}.png`, chart.current.toBase64Image())}
        >
          Image PNG
        </button>
      </figcaption>
    </figure>
  );
}

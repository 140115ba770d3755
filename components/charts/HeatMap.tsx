"use client";

import { useEffect, useRef, useState } from "react";
import { formatNumber, formatValue } from "@/lib/format/numbers";
import { formatDay } from "@/lib/time";

/**
 * Day × hour heat-maps drawn on a canvas (no chart library needed). The data is fetched from `src` when
 * the component mounts, so a year of hourly values never weighs on the page's HTML.
 * `src` answers { days: string[], values: { [measure]: (number | null)[][] } } (days × 24 hours).
 */

export interface HeatMapLayer {
  /** key in the response's `values` */
  measure: string;
  title: string;
  unit: string;
  /** the quantity's DECIMALS (lib/format/numbers.ts) */
  decimals: number;
  /** colours from the lowest to the highest value */
  palette: string[];
  /** fixed bounds (else the data's own) */
  min?: number;
  max?: number;
  /** values at or below this are left blank (dry hours) */
  blankAtOrBelow?: number;
}

interface HeatData {
  days: string[];
  values: Record<string, (number | null)[][]>;
}

const CELL_W = 2;
const CELL_H = 8;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function colourAt(palette: string[], ratio: number): string {
  const scaled = Math.min(Math.max(ratio, 0), 1) * (palette.length - 1);
  const i = Math.min(Math.floor(scaled), palette.length - 2);
  const f = scaled - i;
  const [a, b] = [hexToRgb(palette[i]), hexToRgb(palette[i + 1])];
  return `rgb(${a.map((v, k) => Math.round(v + (b[k] - v) * f)).join(",")})`;
}

function Layer({ data, layer }: { data: HeatData; layer: HeatMapLayer }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string>("");
  const grid = data.values[layer.measure] ?? [];
  const flat = grid.flat().filter((v): v is number => v !== null);
  const min = layer.min ?? (flat.length ? Math.min(...flat) : 0);
  const max = layer.max ?? (flat.length ? Math.max(...flat) : 1);

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.clearRect(0, 0, data.days.length * CELL_W, 24 * CELL_H);
    grid.forEach((hours, day) => {
      hours.forEach((value, hour) => {
        if (value === null || (layer.blankAtOrBelow !== undefined && value <= layer.blankAtOrBelow)) return;
        ctx.fillStyle = colourAt(layer.palette, (value - min) / (max - min || 1));
        ctx.fillRect(day * CELL_W, hour * CELL_H, CELL_W, CELL_H);
      });
    });
  }, [grid, data.days.length, layer, min, max]);

  const describe = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const day = Math.floor(((event.clientX - rect.left) / rect.width) * data.days.length);
    const hour = Math.floor(((event.clientY - rect.top) / rect.height) * 24);
    const value = grid[day]?.[hour];
    if (day < 0 || hour < 0 || day >= data.days.length || hour > 23) return;
    setHover(
      `${formatDay(data.days[day], { day: "numeric", month: "long" })}, ${hour} h : ${formatValue(
        value,
        layer.unit,
        layer.decimals,
      )}`,
    );
  };

  return (
    <figure className="chart heatmap">
      <div className="heatmap-frame">
        <span className="heatmap-hours muted" aria-hidden="true">
          <span>0 h</span>
          <span>12 h</span>
          <span>23 h</span>
        </span>
        <canvas
          ref={canvas}
          width={data.days.length * CELL_W}
          height={24 * CELL_H}
          role="img"
          aria-label={`${layer.title} : carte jour × heure, de ${formatNumber(min, layer.decimals)} à ${formatValue(max, layer.unit, layer.decimals)}`}
          onMouseMove={describe}
          onMouseLeave={() => setHover("")}
        />
      </div>
      <figcaption className="chart-tools">
        <span className="muted">{layer.title}</span>
        <span className="heatmap-scale" aria-hidden="true">
          {formatNumber(min, layer.decimals)}
          <span
            className="heatmap-gradient"
            style={{ background: `linear-gradient(to right, ${layer.palette.join(", ")})` }}
          />
          {formatValue(max, layer.unit, layer.decimals)}
        </span>
        <output className="muted">{hover}</output>
      </figcaption>
    </figure>
  );
}

export function HeatMaps({ src, layers }: { src: string; layers: HeatMapLayer[] }) {
  const [data, setData] = useState<HeatData | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let cancelled = false;
    fetch(src)
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
      )
      .then((json: HeatData) => !cancelled && setData(json))
      .catch(() => !cancelled && setError(true));
    return () => {
      cancelled = true;
    };
  }, [src]);
  if (error) return <p className="error">Les cartes horaires n'ont pas pu être chargées.</p>;
  if (!data) return <p className="muted">Chargement des cartes horaires…</p>;
  return (
    <div className="heatmaps" data-loaded="">
      {layers.map((layer) => (
        <Layer key={layer.measure} data={data} layer={layer} />
      ))}
    </div>
  );
}

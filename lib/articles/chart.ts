/**
 * The small 24-hour chart embedded in articles: an SVG polyline computed here (pure), drawn by
 * components/articles/StationEmbed.tsx on the server. No client code.
 */

export interface SparkPoint {
  t: number;
  v: number | null;
}

export interface Sparkline {
  /** SVG path ("M x y L x y …"), with a gap where values are missing */
  path: string;
  min: number;
  max: number;
}

export function sparkline(
  points: SparkPoint[],
  width: number,
  height: number,
  padding = 4,
): Sparkline | null {
  const values = points.filter((p): p is { t: number; v: number } => p.v !== null && Number.isFinite(p.v));
  if (values.length < 2) return null;
  const min = Math.min(...values.map((p) => p.v));
  const max = Math.max(...values.map((p) => p.v));
  const t0 = points[0].t;
  const t1 = points[points.length - 1].t;
  const spanT = t1 - t0 || 1;
  const spanV = max - min || 1;
  const x = (t: number) => padding + ((t - t0) / spanT) * (width - 2 * padding);
  const y = (v: number) => height - padding - ((v - min) / spanV) * (height - 2 * padding);
  let path = "";
  let pen = false;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      pen = false;
      continue;
    }
    path += `${pen ? "L" : "M"}${x(p.t).toFixed(1)} ${y(p.v).toFixed(1)} `;
    pen = true;
  }
  return { path: path.trim(), min, max };
}

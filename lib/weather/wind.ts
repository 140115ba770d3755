/** Wind direction helpers: circular means and French cardinal labels. */

export const CARDINALS = [
  "N",
  "NNE",
  "NE",
  "ENE",
  "E",
  "ESE",
  "SE",
  "SSE",
  "S",
  "SSO",
  "SO",
  "OSO",
  "O",
  "ONO",
  "NO",
  "NNO",
] as const;

/** French 16-point compass label ("O" for ouest). */
export function cardinal(degrees: number | null): string | null {
  if (degrees == null || !Number.isFinite(degrees)) return null;
  const normalized = ((degrees % 360) + 360) % 360;
  return CARDINALS[Math.round(normalized / 22.5) % 16];
}

/**
 * Circular mean of directions in degrees (350° and 10° give 0°, not 180°), optionally weighted by
 * speed (vector mean). Null when there is no direction or the vectors cancel out (calm).
 */
export function circularMean(
  directions: readonly (number | null)[],
  weights?: readonly (number | null)[],
): number | null {
  let x = 0;
  let y = 0;
  let count = 0;
  directions.forEach((direction, i) => {
    if (direction == null) return;
    const weight = weights ? (weights[i] ?? 0) : 1;
    if (weight <= 0) return;
    const radians = (direction * Math.PI) / 180;
    x += weight * Math.sin(radians);
    y += weight * Math.cos(radians);
    count++;
  });
  if (count === 0 || Math.hypot(x, y) < 1e-9) return null;
  const mean = (Math.atan2(x, y) * 180) / Math.PI;
  return (mean + 360) % 360;
}

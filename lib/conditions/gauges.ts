import type { Quantity } from "../format/numbers";

/**
 * Geometry of the station home's gauges (pure, client-safe): the scale of each quantity, where a value
 * falls on a 270° dial, and the SVG path data of arcs. Angles are degrees clockwise from north (up),
 * as on a compass, so that the wind compass shares the same functions.
 */

/** The dial runs from lower left (−135°) through the top to lower right (+135°). */
export const DIAL_START = -135;
export const DIAL_SWEEP = 270;

export interface Scale {
  min: number;
  max: number;
  /** Distance between ticks. */
  step: number;
}

/** The usual span of each quantity on a gauge; widened by whole steps when a value falls outside it. */
export const GAUGE_SCALES = {
  temperature: { min: -10, max: 40, step: 10 },
  humidity: { min: 0, max: 100, step: 20 },
  pressure: { min: 980, max: 1040, step: 10 },
  rain: { min: 0, max: 10, step: 5 },
  rainRate: { min: 0, max: 20, step: 10 },
  uv: { min: 0, max: 12, step: 2 },
  radiation: { min: 0, max: 1200, step: 200 },
} as const satisfies Partial<Record<Quantity, Scale>>;

export type GaugeQuantity = keyof typeof GAUGE_SCALES;

/** The scale of `quantity`, widened by whole steps to hold every value given (humidity stays 0–100). */
export function gaugeScale(quantity: GaugeQuantity, values: readonly (number | null | undefined)[]): Scale {
  const { min, max, step } = GAUGE_SCALES[quantity];
  const known = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (quantity === "humidity" || known.length === 0) return { min, max, step };
  return {
    min: Math.min(min, Math.floor(Math.min(...known) / step) * step),
    max: Math.max(max, Math.ceil(Math.max(...known) / step) * step),
    step,
  };
}

/** Where `value` falls on the scale, from 0 to 1 (clamped). */
export function fractionOf(value: number, scale: Scale): number {
  return Math.min(1, Math.max(0, (value - scale.min) / (scale.max - scale.min)));
}

/** The dial angle of `value`. */
export function dialAngle(value: number, scale: Scale): number {
  return DIAL_START + DIAL_SWEEP * fractionOf(value, scale);
}

/** The point at `radius` and `angle` (degrees clockwise from up) around (cx, cy), rounded to 0.01. */
export function polar(cx: number, cy: number, radius: number, angle: number): [number, number] {
  const radians = (angle * Math.PI) / 180;
  const round = (v: number) => Math.round(v * 100) / 100;
  return [round(cx + radius * Math.sin(radians)), round(cy - radius * Math.cos(radians))];
}

/** SVG path data of the arc from angle `from` clockwise to `to` (at most one full turn less a hair). */
export function arcPath(cx: number, cy: number, radius: number, from: number, to: number): string {
  const sweep = Math.min(Math.max(to - from, 0), 359.99);
  const [x1, y1] = polar(cx, cy, radius, from);
  const [x2, y2] = polar(cx, cy, radius, from + sweep);
  return `M${x1} ${y1}A${radius} ${radius} 0 ${sweep > 180 ? 1 : 0} 1 ${x2} ${y2}`;
}

/** Length of an arc of `degrees` at `radius` (for stroke dashes). */
export function arcLength(radius: number, degrees: number): number {
  return (Math.PI * radius * degrees) / 180;
}

/** The values of the ticks of a scale, from min to max. */
export function tickValues(scale: Scale): number[] {
  const ticks: number[] = [];
  for (let v = scale.min; v <= scale.max + 1e-9; v += scale.step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

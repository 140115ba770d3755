/**
 * French number formatting for visitors: decimal comma, thousands grouped by a narrow no-break space,
 * narrow no-break space before the unit, a real minus sign (U+2212, as French typography writes it;
 * Intl gives a hyphen), "—" when missing.
 *
 * Written out rather than asked of Intl.NumberFormat: the first French formatter a page makes loads the
 * locale's data, 40–60 ms of a phone's main thread while the page hydrates; these few lines write the
 * same text (the unit tests hold them to Intl's output).
 */

export const MINUS = "\u2212";
/** Between thousands and before a unit, as French typography writes them. */
const NARROW_SPACE = "\u202f";

/**
 * `value` rounded half away from zero to `decimals`, on the decimal value a person would write
 * (12.85 → 12.9, 10.05 → 10.1) despite binary floating point; never -0. The one rounding rule of the
 * platform: pages, exports and partner feeds agree to the last digit.
 */
export function roundHalfAway(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.round(Number((Math.abs(value) * factor).toPrecision(12)));
  return scaled === 0 ? 0 : (Math.sign(value) * scaled) / factor;
}

/**
 * Decimals of each quantity wherever it is shown or published: the pages format with them and the
 * open-data API rounds to them, so a value reads the same digits on a page and in the API.
 */
export const DECIMALS = {
  temperature: 1,
  humidity: 0,
  pressure: 1,
  speed: 0,
  direction: 0,
  rain: 1,
  rainRate: 1,
  radiation: 0,
  uv: 1,
  evapotranspiration: 2,
  degreeDays: 0,
} as const;

export type Quantity = keyof typeof DECIMALS;

/** `value` rounded to its quantity's decimals (half away from zero); null when missing. */
export function roundAs(value: number | null | undefined, quantity: Quantity): number | null {
  return value == null || !Number.isFinite(value) ? null : roundHalfAway(value, DECIMALS[quantity]);
}

export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value == null || !Number.isFinite(value)) return "—";
  const rounded = roundHalfAway(value, decimals);
  const [whole, fraction] = Math.abs(rounded).toFixed(decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, NARROW_SPACE);
  return `${rounded < 0 ? MINUS : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

export function formatValue(value: number | null | undefined, unit: string, decimals = 1): string {
  const number = formatNumber(value, decimals);
  return number === "—" ? number : `${number}${NARROW_SPACE}${unit}`;
}

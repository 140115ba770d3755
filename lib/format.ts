/** French number formatting for visitors: decimal comma, narrow no-break space before the unit, "—" when missing. */

const formatters = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value == null || !Number.isFinite(value)) return "—";
  let formatter = formatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat("fr-FR", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(decimals, formatter);
  }
  // Avoid "-0,0".
  const rounded = Number(value.toFixed(decimals));
  return formatter.format(rounded === 0 ? 0 : rounded);
}

export function formatValue(value: number | null | undefined, unit: string, decimals = 1): string {
  const number = formatNumber(value, decimals);
  return number === "—" ? number : `${number}\u202f${unit}`;
}

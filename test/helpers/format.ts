/**
 * The platform's display rule, restated independently for the tests: half away from zero on the
 * decimal value (12.85 → 12,9), French decimal comma, minus sign U+2212, "—" when missing.
 */
export function frenchDecimal(value: number | null, decimals = 1): string {
  if (value === null) return "—";
  const scaled = Math.round(Number((Math.abs(value) * 10 ** decimals).toPrecision(12)));
  const text = (scaled / 10 ** decimals).toFixed(decimals);
  const sign = value < 0 && scaled > 0 ? "\u2212" : "";
  const [whole, fraction] = text.split(".");
  // fr-FR groups thousands with a narrow no-break space.
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${sign}${grouped}${fraction ? `,${fraction}` : ""}`;
}

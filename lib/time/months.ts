/** Months as "YYYY-MM" strings and years, as they appear in URLs: validation and arithmetic (pure). */

/** A valid "YYYY-MM" (year 1900–2999), or null. */
export function parseMonth(value: string): string | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= 1900 && year < 3000 && month >= 1 && month <= 12 ? value : null;
}

/** A valid year (1900–2999), or null. */
export function parseYear(value: string): number | null {
  return /^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) < 3000 ? Number(value) : null;
}

/** "2026-03" plus `n` months (negative: earlier). */
export function addMonths(month: string, n: number): string {
  const [year, m] = month.split("-").map(Number);
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

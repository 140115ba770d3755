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

/** "YYYY-MM-DD" of every day of a month ("YYYY-MM"). */
export function daysOfMonth(month: string): string[] {
  const [year, m] = month.split("-").map(Number);
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** The years from `last`'s back to `first`'s (dates or months "YYYY…"), newest first. */
export function yearsNewestFirst(first: string, last: string): number[] {
  const years: number[] = [];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y -= 1) years.push(y);
  return years;
}

/** "YYYY-MM" of the twelve months of `year`. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/** "YYYY-MM" of every month from the one of `first` to the one of `last` (dates or months). */
export function monthsBetween(first: string, last: string): string[] {
  const keys: string[] = [];
  let [year, month] = first.split("-").map(Number);
  const end = last.slice(0, 7);
  for (let key = first.slice(0, 7); key <= end; key = `${year}-${String(month).padStart(2, "0")}`) {
    keys.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return keys;
}

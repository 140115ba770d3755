/** CSV for exports and the open-data API: RFC 4180, comma-separated, "\r\n" line ends, UTF-8; and the French spreadsheet dialect. */

export type CsvValue = string | number | boolean | null | undefined;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets never run it as a formula.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(cell).join(",")}\r\n`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/**
 * The French spreadsheet dialect (what Excel and LibreOffice expect in France): semicolons, decimal
 * commas, a UTF-8 byte-order mark. Made from the CSV above, cell by cell, so that every CSV of the
 * platform exists in both dialects. Numbers keep the ASCII minus: spreadsheets read "-3,5" as a number.
 */
const BOM = "\uFEFF";
const DECIMAL = /^-?\d+\.\d+$/;

function frenchCell(text: string): string {
  const value = DECIMAL.test(text) ? text.replace(".", ",") : text;
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows of CSV text as csvLine writes it (RFC 4180), each as its cells' texts. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

const frenchRows = (text: string) =>
  parseCsv(text)
    .map((row) => `${row.map(frenchCell).join(";")}\r\n`)
    .join("");

/** A CSV download's file name, "-tableur" telling the French dialect's apart. */
export function csvFileName(name: string, french: boolean): string {
  return `${name}${french ? "-tableur" : ""}.csv`;
}

/** CSV text (with or without a BOM) in the French spreadsheet dialect. */
export function frenchCsv(text: string): string {
  return BOM + frenchRows(text.startsWith(BOM) ? text.slice(1) : text);
}

/** The same for a CSV stream: whole rows are converted as they arrive. */
export function frenchCsvStream(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";
  let started = false;
  /** The end of the last whole row in `pending` (a line end outside quotes). */
  const lastRowEnd = () => {
    let end = -1;
    let quotes = 0;
    for (let i = 0; i < pending.length; i++) {
      if (pending[i] === '"') quotes++;
      else if (pending[i] === "\r" && pending[i + 1] === "\n" && quotes % 2 === 0) end = i + 2;
    }
    return end;
  };
  const convert = (text: string) => {
    const prefix = started ? "" : BOM;
    started = true;
    return encoder.encode(prefix + frenchRows(text));
  };
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        if (!started && pending.startsWith(BOM)) pending = pending.slice(1);
        const end = lastRowEnd();
        if (end < 0) return;
        controller.enqueue(convert(pending.slice(0, end)));
        pending = pending.slice(end);
      },
      flush(controller) {
        pending += decoder.decode();
        if (pending || !started) controller.enqueue(convert(pending));
      },
    }),
  );
}

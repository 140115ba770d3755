import { csvLine } from "../format/csv";
import { roundAs } from "../format/numbers";
import { localDayOfRecord } from "../time";
import type { SeriesRow } from "./compute";
import type { Column } from "./fields";
import { describeSeries, type SeriesQuery, type SeriesStation, seriesChunks } from "./load";
import type { Step } from "./steps";

/**
 * A series as files and JSON rows: the open-data API and the CSV exports. Times as ISO-8601 UTC, values
 * rounded to their quantity's DECIMALS (lib/format/numbers, the digits the pages show; three decimals
 * for the rest: coverage, radio reception, battery), units in the CSV header.
 */

export const iso = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "Z");

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** A CSV header cell naming its unit: "outTemp (°C)". */
export const csvHeader = (name: string, unit: string) => (unit ? `${name} (${unit})` : name);

export interface SeriesShape {
  step: Step;
  columns: Column[];
  timeZone: string;
}

type OutputColumn = Pick<Column, "name" | "unit" | "label" | "time" | "quantity">;

/** Every column of the output: the row's own (date of a day, bucket bounds, coverage) then the fields'. */
function outputColumns({ step, columns }: SeriesShape): OutputColumn[] {
  return [
    ...(step === "1d" ? [{ name: "date", unit: "", label: "Jour (heure locale de la station)" }] : []),
    ...(step !== "raw"
      ? [
          { name: "start", unit: "", label: "Début de la période (exclu)", time: true },
          { name: "time", unit: "", label: "Fin de la période (incluse)", time: true },
          { name: "records", unit: "", label: "Nombre de relevés" },
          { name: "coverage", unit: "", label: "Part de la période couverte par des relevés (0 à 1)" },
          {
            name: "qcErroneous",
            unit: "",
            label: "Valeurs jugées erronées par le contrôle qualité, écartées des calculs",
          },
          {
            name: "qcSuspect",
            unit: "",
            label: "Valeurs jugées suspectes par le contrôle qualité, conservées",
          },
        ]
      : [{ name: "time", unit: "", label: "Heure du relevé (fin de son intervalle)", time: true }]),
    ...columns,
  ];
}

function cell(shape: SeriesShape, row: SeriesRow, column: OutputColumn): string | number | null {
  if (column.name === "date") return localDayOfRecord(row.time, shape.timeZone);
  const value = row[column.name] ?? null;
  if (value === null) return null;
  if (column.time) return iso(value);
  return column.quantity ? roundAs(value, column.quantity) : round3(value);
}

/** The column descriptions of a series in JSON. */
export function seriesColumnsJson(shape: SeriesShape) {
  return outputColumns(shape).map(({ name, unit, label }) => ({
    name,
    unit: unit || null,
    description: label,
  }));
}

/** Series rows as JSON objects. */
export function seriesRowsJson(shape: SeriesShape, rows: readonly SeriesRow[]) {
  const columns = outputColumns(shape);
  return rows.map((row) =>
    Object.fromEntries(columns.map((column) => [column.name, cell(shape, row, column)])),
  );
}

export function seriesCsvHeader(shape: SeriesShape): string {
  return csvLine(outputColumns(shape).map(({ name, unit }) => csvHeader(name, unit)));
}

export function seriesCsvRows(shape: SeriesShape, rows: readonly SeriesRow[]): string {
  const columns = outputColumns(shape);
  let csv = "";
  for (const row of rows) csv += csvLine(columns.map((column) => cell(shape, row, column)));
  return csv;
}

/**
 * A series as a CSV stream, read and written a chunk (a month of raw records, a quarter of hours) at a
 * time: memory stays flat for a year of 5-minute records. For the API and the station exports.
 */
export function seriesCsvStream(station: SeriesStation, query: SeriesQuery): ReadableStream<Uint8Array> {
  const shape: SeriesShape = {
    step: query.step,
    columns: describeSeries(station, query).columns,
    timeZone: station.timezone,
  };
  const chunks = seriesChunks(station, query);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(seriesCsvHeader(shape)));
    },
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(seriesCsvRows(shape, value)));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

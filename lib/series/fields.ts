import type { Aggregate } from "../aggregates/compute";
import type { Quantity } from "../format/numbers";

/**
 * The observable fields of a time series (charts, day tables, the open-data API, CSV exports) and the
 * columns each one produces. At the raw step a field gives the record's value; at aggregated steps it
 * gives its statistics over the bucket (a measure gives mean, min and max with their times; rain a sum;
 * gusts a maximum with direction and time; wind direction a speed-weighted circular mean).
 */

type Kind = "measure" | "windSpeed" | "windDir" | "windGust" | "rain" | "rainRate" | "ET";

interface FieldSpec {
  kind: Kind;
  /** Unit of the converted values (lib/archive/units). */
  unit: string;
  /** French label for visitors. */
  label: string;
  /** Whose DECIMALS round it in the API and the exports (lib/format/numbers); none: three decimals. */
  quantity?: Quantity;
}

export const FIELDS = {
  outTemp: { kind: "measure", unit: "°C", label: "Température", quantity: "temperature" },
  dewpoint: { kind: "measure", unit: "°C", label: "Point de rosée", quantity: "temperature" },
  outHumidity: { kind: "measure", unit: "%", label: "Humidité", quantity: "humidity" },
  barometer: { kind: "measure", unit: "hPa", label: "Pression (niveau de la mer)", quantity: "pressure" },
  appTemp: { kind: "measure", unit: "°C", label: "Température ressentie", quantity: "temperature" },
  windchill: { kind: "measure", unit: "°C", label: "Refroidissement éolien", quantity: "temperature" },
  heatindex: { kind: "measure", unit: "°C", label: "Indice de chaleur", quantity: "temperature" },
  windSpeed: { kind: "windSpeed", unit: "km/h", label: "Vent moyen", quantity: "speed" },
  windDir: { kind: "windDir", unit: "°", label: "Direction du vent", quantity: "direction" },
  windGust: { kind: "windGust", unit: "km/h", label: "Rafale", quantity: "speed" },
  rain: { kind: "rain", unit: "mm", label: "Pluie", quantity: "rain" },
  rainRate: { kind: "rainRate", unit: "mm/h", label: "Intensité de pluie", quantity: "rainRate" },
  UV: { kind: "measure", unit: "", label: "Indice UV", quantity: "uv" },
  radiation: { kind: "measure", unit: "W/m²", label: "Rayonnement solaire", quantity: "radiation" },
  ET: { kind: "ET", unit: "mm", label: "Évapotranspiration", quantity: "evapotranspiration" },
  inTemp: { kind: "measure", unit: "°C", label: "Température intérieure", quantity: "temperature" },
  inHumidity: { kind: "measure", unit: "%", label: "Humidité intérieure", quantity: "humidity" },
  rxCheckPercent: { kind: "measure", unit: "%", label: "Réception radio" },
  consBatteryVoltage: { kind: "measure", unit: "V", label: "Batterie de la console" },
} as const satisfies Record<string, FieldSpec>;

export type Field = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/**
 * The weather fields of a station's charts (the home's last 24 hours, the charts page, the day page); the
 * charts page and the day page add the solar ones of stations that have the sensors.
 */
export const CHART_FIELDS: readonly Field[] = [
  "outTemp",
  "dewpoint",
  "outHumidity",
  "barometer",
  "windSpeed",
  "windDir",
  "windGust",
  "rain",
  "rainRate",
];

/** One column of a series: a value with its unit, or a time (unix seconds; ISO-8601 UTC in the API). */
export interface Column {
  name: string;
  field: Field;
  unit: string;
  /** French description for visitors and the API documentation. */
  label: string;
  time?: boolean;
  /** Whose DECIMALS round the values (none: a time, or three decimals). */
  quantity?: Quantity;
}

/** The columns `fields` produce at the raw step (`aggregated` false) or at an aggregated step. */
export function columnsOf(fields: readonly Field[], aggregated: boolean): Column[] {
  const columns: Column[] = [];
  for (const field of fields) {
    const spec: FieldSpec = FIELDS[field];
    const { kind, unit, label } = spec;
    const col = (name: string, what: string, isTime = false): Column => {
      const direction = name === `${field}Dir`;
      const quantity = isTime ? undefined : direction ? "direction" : spec.quantity;
      return {
        name,
        field,
        unit: isTime ? "" : direction ? "°" : unit,
        label: what,
        ...(isTime ? { time: true } : {}),
        ...(quantity ? { quantity } : {}),
      };
    };
    switch (kind) {
      case "measure":
        if (!aggregated) columns.push(col(field, label));
        else
          columns.push(
            col(field, `${label}, moyenne`),
            col(`${field}Min`, `${label}, minimum`),
            col(`${field}MinTime`, `${label}, heure du minimum`, true),
            col(`${field}Max`, `${label}, maximum`),
            col(`${field}MaxTime`, `${label}, heure du maximum`, true),
          );
        break;
      case "windSpeed":
        columns.push(col(field, aggregated ? `${label} (moyenne)` : label));
        break;
      case "windDir":
        columns.push(col(field, aggregated ? `${label} (moyenne vectorielle)` : label));
        break;
      case "windGust":
        columns.push(col(field, aggregated ? `${label} maximale` : label));
        columns.push(col("windGustDir", "Direction de la rafale"));
        if (aggregated) columns.push(col("windGustTime", "Heure de la rafale maximale", true));
        break;
      case "rain":
        columns.push(col(field, aggregated ? `${label} (cumul)` : label));
        columns.push(col("rainTotal", "Pluie, cumul depuis le début (ou depuis 06 h UTC)"));
        break;
      case "rainRate":
        columns.push(col(field, aggregated ? `${label} maximale` : label));
        if (aggregated) columns.push(col("rainRateTime", "Heure de l'intensité maximale", true));
        break;
      case "ET":
        columns.push(col(field, aggregated ? `${label} (cumul)` : label));
        break;
    }
  }
  return columns;
}

/** Archive columns to read for `fields` (raw step, or aggregation of raw records). */
export function archiveFieldsOf(fields: readonly Field[]): string[] {
  const wanted = new Set<string>();
  for (const field of fields) {
    wanted.add(field);
    // A vector-mean direction is weighted by the speed; a gust direction falls back on the wind's.
    if (field === "windDir") wanted.add("windSpeed");
    if (field === "windGust") wanted.add("windGustDir").add("windDir");
  }
  return [...wanted];
}

/** Aggregate columns to read for `fields` (aggregated steps from the hourly or daily rows). */
export function aggregateColumnsOf(fields: readonly Field[]): (keyof Aggregate)[] {
  const columns = new Set<keyof Aggregate>(["records", "minutes", "interval"]);
  for (const field of fields) {
    const { kind } = FIELDS[field];
    if (kind === "measure") {
      const p = field === "UV" ? "uv" : field;
      for (const suffix of ["Min", "MinAt", "Max", "MaxAt", "Sum", "N"])
        columns.add(`${p}${suffix}` as keyof Aggregate);
    } else if (kind === "windSpeed") {
      columns.add("windSpeedSum").add("windSpeedN");
    } else if (kind === "windDir") {
      columns.add("windVecX").add("windVecY");
    } else if (kind === "windGust") {
      columns.add("windGustMax").add("windGustMaxAt").add("windGustMaxDir");
    } else if (kind === "rain") {
      columns.add("rainSum");
    } else if (kind === "rainRate") {
      columns.add("rainRateMax").add("rainRateMaxAt");
    } else {
      columns.add("etSum");
    }
  }
  return [...columns];
}

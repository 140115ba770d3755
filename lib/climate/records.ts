import type { ClimateDay } from "./daily";
import type { ClimateColumn } from "./store";

/**
 * Station records: the top 10 (or 30) days per parameter, with dates, as pure functions. Only final
 * days count (a partial day's values may still change). Ranks are competition ranks (1, 2, 2, 4);
 * equal values are listed oldest first.
 */

export const RECORD_LIMITS = [10, 30] as const;
export const MAX_RECORD_LIMIT = 30;

export interface RecordParameter {
  key: string;
  label: string;
  unit: string;
  decimals: number;
  column: ClimateColumn;
  /** column holding the time the value occurred, if any */
  timeColumn: ClimateColumn | null;
  lowest: boolean;
  /** values that do not make a record (a dry day) */
  ignore?: (value: number) => boolean;
}

export const RECORD_PARAMETERS: readonly RecordParameter[] = [
  {
    key: "tnLow",
    label: "Tn les plus basses",
    unit: "°C",
    decimals: 1,
    column: "tn",
    timeColumn: "tnAt",
    lowest: true,
  },
  {
    key: "tnHigh",
    label: "Tn les plus hautes",
    unit: "°C",
    decimals: 1,
    column: "tn",
    timeColumn: "tnAt",
    lowest: false,
  },
  {
    key: "txHigh",
    label: "Tx les plus hautes",
    unit: "°C",
    decimals: 1,
    column: "tx",
    timeColumn: "txAt",
    lowest: false,
  },
  {
    key: "txLow",
    label: "Tx les plus basses",
    unit: "°C",
    decimals: 1,
    column: "tx",
    timeColumn: "txAt",
    lowest: true,
  },
  {
    key: "rr",
    label: "Précipitations quotidiennes (RR)",
    unit: "mm",
    decimals: 1,
    column: "rr",
    timeColumn: null,
    lowest: false,
    ignore: (v) => v <= 0,
  },
  {
    key: "rainRate",
    label: "Intensités de pluie",
    unit: "mm/h",
    decimals: 1,
    column: "rrRateMax",
    timeColumn: "rrRateMaxAt",
    lowest: false,
    ignore: (v) => v <= 0,
  },
  {
    key: "gust",
    label: "Rafales",
    unit: "km/h",
    decimals: 0,
    column: "gustMax",
    timeColumn: "gustAt",
    lowest: false,
  },
  {
    key: "amplitude",
    label: "Amplitudes thermiques",
    unit: "°C",
    decimals: 1,
    column: "amplitude",
    timeColumn: null,
    lowest: false,
  },
  {
    key: "humidityLow",
    label: "Humidités les plus basses",
    unit: "%",
    decimals: 0,
    column: "humidityMin",
    timeColumn: "humidityMinAt",
    lowest: true,
  },
  {
    key: "dewpointHigh",
    label: "Points de rosée les plus hauts",
    unit: "°C",
    decimals: 1,
    column: "dewpointMax",
    timeColumn: "dewpointMaxAt",
    lowest: false,
  },
  {
    key: "dewpointLow",
    label: "Points de rosée les plus bas",
    unit: "°C",
    decimals: 1,
    column: "dewpointMin",
    timeColumn: "dewpointMinAt",
    lowest: true,
  },
  {
    key: "pressureHigh",
    label: "Pressions les plus hautes",
    unit: "hPa",
    decimals: 1,
    column: "pressureMax",
    timeColumn: "pressureMaxAt",
    lowest: false,
  },
  {
    key: "pressureLow",
    label: "Pressions les plus basses",
    unit: "hPa",
    decimals: 1,
    column: "pressureMin",
    timeColumn: "pressureMinAt",
    lowest: true,
  },
  {
    key: "uv",
    label: "Indices UV",
    unit: "",
    decimals: 1,
    column: "uvMax",
    timeColumn: "uvMaxAt",
    lowest: false,
    ignore: (v) => v <= 0,
  },
  {
    key: "radiation",
    label: "Rayonnements solaires",
    unit: "W/m²",
    decimals: 0,
    column: "radiationMax",
    timeColumn: "radiationMaxAt",
    lowest: false,
    ignore: (v) => v <= 0,
  },
];

/** The columns records need (what to read from the store). */
export const RECORD_COLUMNS: readonly ClimateColumn[] = [
  "partial",
  ...new Set(RECORD_PARAMETERS.flatMap((p) => (p.timeColumn ? [p.column, p.timeColumn] : [p.column]))),
];

export interface RecordEntry {
  rank: number;
  date: string;
  value: number;
  at: number | null;
}

export interface RecordTable {
  parameter: RecordParameter;
  entries: RecordEntry[];
}

function ranked(days: readonly ClimateDay[], parameter: RecordParameter, limit: number): RecordEntry[] {
  const candidates: RecordEntry[] = [];
  for (const day of days) {
    if (day.partial) continue;
    const value = day[parameter.column] as number | null;
    if (value === null || value === undefined || parameter.ignore?.(value)) continue;
    const at = parameter.timeColumn ? (day[parameter.timeColumn] as number | null) : null;
    candidates.push({ rank: 0, date: day.date, value, at });
  }
  const sign = parameter.lowest ? 1 : -1;
  candidates.sort((a, b) => sign * (a.value - b.value) || (a.date < b.date ? -1 : 1));
  const top = candidates.slice(0, limit);
  top.forEach((entry, i) => {
    entry.rank = i > 0 && entry.value === top[i - 1].value ? top[i - 1].rank : i + 1;
  });
  return top;
}

/** The top `limit` days of every parameter (parameters without any value are left out). */
export function topRecords(days: readonly ClimateDay[], limit: number): RecordTable[] {
  return RECORD_PARAMETERS.map((parameter) => ({
    parameter,
    entries: ranked(days, parameter, limit),
  })).filter((table) => table.entries.length > 0);
}

export interface RankBadge {
  key: string;
  label: string;
  rank: number;
  value: number;
  unit: string;
  decimals: number;
}

/** The parameters for which `date` is in the station's top `limit` (30 by default): rank badges. */
export function rankBadges(tables: readonly RecordTable[], date: string): RankBadge[] {
  const badges: RankBadge[] = [];
  for (const { parameter, entries } of tables) {
    const entry = entries.find((e) => e.date === date);
    if (entry) {
      badges.push({
        key: parameter.key,
        label: parameter.label,
        rank: entry.rank,
        value: entry.value,
        unit: parameter.unit,
        decimals: parameter.decimals,
      });
    }
  }
  return badges;
}

import { DECIMALS } from "../format/numbers";
import type { SensorGroup } from "../generated/prisma/enums";
import type { ClimateColumn } from "./daily";

/**
 * Station records: the top 10 (or 30) days per parameter, with dates. The store selects each
 * parameter's best days (readRecordCandidates: only final days — a partial day's values may still
 * change —, best value first, equal values oldest first); the ranking is a pure function here:
 * competition ranks (1, 2, 2, 4).
 */

export const MAX_RECORD_LIMIT = 30;

export interface RecordParameter {
  key: string;
  label: string;
  unit: string;
  decimals: number;
  column: ClimateColumn;
  /** the sensors its value comes from (whose quality-control flags concern it) */
  sensors: readonly SensorGroup[];
  /** column holding the time the value occurred, if any */
  timeColumn: ClimateColumn | null;
  lowest: boolean;
  /** only values above zero make a record (a dry day is no rain record) */
  positiveOnly?: boolean;
}

export const RECORD_PARAMETERS: readonly RecordParameter[] = [
  {
    key: "tnLow",
    label: "Tn les plus basses",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "tn",
    sensors: ["TEMPERATURE"],
    timeColumn: "tnAt",
    lowest: true,
  },
  {
    key: "tnHigh",
    label: "Tn les plus hautes",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "tn",
    sensors: ["TEMPERATURE"],
    timeColumn: "tnAt",
    lowest: false,
  },
  {
    key: "txHigh",
    label: "Tx les plus hautes",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "tx",
    sensors: ["TEMPERATURE"],
    timeColumn: "txAt",
    lowest: false,
  },
  {
    key: "txLow",
    label: "Tx les plus basses",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "tx",
    sensors: ["TEMPERATURE"],
    timeColumn: "txAt",
    lowest: true,
  },
  {
    key: "rr",
    label: "Précipitations quotidiennes (RR)",
    unit: "mm",
    decimals: DECIMALS.rain,
    column: "rr",
    sensors: ["RAIN"],
    timeColumn: null,
    lowest: false,
    positiveOnly: true,
  },
  {
    key: "rainRate",
    label: "Intensités de pluie",
    unit: "mm/h",
    decimals: DECIMALS.rainRate,
    column: "rrRateMax",
    sensors: ["RAIN"],
    timeColumn: "rrRateMaxAt",
    lowest: false,
    positiveOnly: true,
  },
  {
    key: "gust",
    label: "Rafales",
    unit: "km/h",
    decimals: DECIMALS.speed,
    column: "gustMax",
    sensors: ["WIND"],
    timeColumn: "gustAt",
    lowest: false,
  },
  {
    key: "amplitude",
    label: "Amplitudes thermiques",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "amplitude",
    sensors: ["TEMPERATURE"],
    timeColumn: null,
    lowest: false,
  },
  {
    key: "humidityLow",
    label: "Humidités les plus basses",
    unit: "%",
    decimals: DECIMALS.humidity,
    column: "humidityMin",
    sensors: ["HUMIDITY"],
    timeColumn: "humidityMinAt",
    lowest: true,
  },
  {
    key: "dewpointHigh",
    label: "Points de rosée les plus hauts",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "dewpointMax",
    sensors: ["HUMIDITY", "TEMPERATURE"],
    timeColumn: "dewpointMaxAt",
    lowest: false,
  },
  {
    key: "dewpointLow",
    label: "Points de rosée les plus bas",
    unit: "°C",
    decimals: DECIMALS.temperature,
    column: "dewpointMin",
    sensors: ["HUMIDITY", "TEMPERATURE"],
    timeColumn: "dewpointMinAt",
    lowest: true,
  },
  {
    key: "pressureHigh",
    label: "Pressions les plus hautes",
    unit: "hPa",
    decimals: DECIMALS.pressure,
    column: "pressureMax",
    sensors: ["PRESSURE"],
    timeColumn: "pressureMaxAt",
    lowest: false,
  },
  {
    key: "pressureLow",
    label: "Pressions les plus basses",
    unit: "hPa",
    decimals: DECIMALS.pressure,
    column: "pressureMin",
    sensors: ["PRESSURE"],
    timeColumn: "pressureMinAt",
    lowest: true,
  },
  {
    key: "uv",
    label: "Indices UV",
    unit: "",
    decimals: DECIMALS.uv,
    column: "uvMax",
    sensors: ["SOLAR"],
    timeColumn: "uvMaxAt",
    lowest: false,
    positiveOnly: true,
  },
  {
    key: "radiation",
    label: "Rayonnements solaires",
    unit: "W/m²",
    decimals: DECIMALS.radiation,
    column: "radiationMax",
    sensors: ["SOLAR"],
    timeColumn: "radiationMaxAt",
    lowest: false,
    positiveOnly: true,
  },
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

export type Candidate = Omit<RecordEntry, "rank">;

/** Competition ranks of candidates listed best first: equal values share the rank of the first. */
export function rankEntries(candidates: readonly Candidate[]): RecordEntry[] {
  const entries: RecordEntry[] = [];
  candidates.forEach((candidate, i) => {
    const previous = entries[i - 1];
    entries.push({
      ...candidate,
      rank: previous && previous.value === candidate.value ? previous.rank : i + 1,
    });
  });
  return entries;
}

/** The record tables from each parameter's candidates (parameters without any are left out). */
export function recordTables(candidates: ReadonlyMap<string, readonly Candidate[]>): RecordTable[] {
  return RECORD_PARAMETERS.map((parameter) => ({
    parameter,
    entries: rankEntries(candidates.get(parameter.key) ?? []),
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

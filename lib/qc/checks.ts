import type { Observation } from "../archive/reader";
import { formatNumber, formatValue } from "../format/numbers";
import type { QcLevel } from "../generated/prisma/enums";
import { solarElevation } from "../weather/sun";
import {
  CALM_ALONE_HOURS,
  CALM_HOURS,
  CLIMATE_MARGIN,
  CONSTANT_RAIN_HOURS,
  DEWPOINT_MARGIN,
  FUTURE_TOLERANCE,
  GROSS,
  GUST_MARGIN,
  LAPSE_RATE,
  MIN_NEIGHBOURS,
  NEIGHBOUR_GUST_KMH,
  NIGHT_ELEVATION,
  NIGHT_RADIATION,
  PERSISTENCE_HOURS,
  QC_FIELDS,
  type QcField,
  type QcQuantity,
  RAIN_ALONE_MM,
  RAIN_DRY_HUMIDITY,
  RAIN_MISSED_MM,
  RATE_WITHOUT_RAIN_MM_H,
  RECORD,
  SATURATED_HUMIDITY_HOURS,
  SPATIAL,
  STEP_PER_5_MIN,
  type TunableCheck,
  UNIT_OF,
} from "./limits";

/**
 * The quality-control checks, as pure functions of a station's records (oldest first), its neighbours'
 * records and its limits: gross limits, climatological limits, step, persistence, internal consistency,
 * spatial consistency and time. Each gives, per record and quantity, a verdict that is not "good" (good
 * records give nothing) with the check's name and its figures in French; `checkRecords` keeps the worst
 * verdict per record and quantity.
 */

export interface QcVerdict {
  dateTime: number;
  /** minutes */
  interval: number;
  quantity: QcQuantity;
  level: QcLevel;
  check: string;
  detail: string;
  value: number | null;
}

export interface Neighbour {
  altitude: number;
  /** oldest first */
  records: readonly Observation[];
}

export interface QcContext {
  /** unix seconds */
  now: number;
  latitude: number;
  longitude: number;
  altitude: number;
  /** Lowest and highest plausible temperature per month (index 0 = January), before the margin. */
  temperatureLimits: readonly (readonly [number, number])[];
  /** Managers' tolerances: multiply a check's limits (1 when absent). */
  tolerance?: Partial<Record<TunableCheck, number>>;
  neighbours?: readonly Neighbour[];
}

const HOUR = 3600;
const MAD_SCALE = 1.4826;

type Emit = (
  record: Observation,
  quantity: QcQuantity,
  level: QcLevel,
  check: string,
  detail: string,
) => void;

const value = (record: Observation, field: QcField): number | null => record[field] ?? null;

function fmt(quantity: QcQuantity, x: number, decimals = 1): string {
  return UNIT_OF[quantity] ? formatValue(x, UNIT_OF[quantity], decimals) : formatNumber(x, decimals);
}

function signed(quantity: QcQuantity, x: number): string {
  return `${x > 0 ? "+" : ""}${fmt(quantity, x)}`;
}

function hours(seconds: number): string {
  return seconds >= 2 * 86400
    ? `${formatNumber(seconds / 86400, 1)} j`
    : `${formatNumber(seconds / HOUR, 1)} h`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median and robust sigma (1.4826 × median absolute deviation). */
export function robustSpread(values: readonly number[]): { median: number; sigma: number } {
  const m = median(values);
  return { median: m, sigma: MAD_SCALE * median(values.map((v) => Math.abs(v - m))) };
}

/** Gross limits: values no sensor of the region can measure. */
function grossCheck(records: readonly Observation[], emit: Emit) {
  for (const record of records) {
    for (const field of QC_FIELDS) {
      const v = value(record, field);
      if (v == null) continue;
      const [min, max] = GROSS[field];
      const scale = field === "rain" ? record.interval : 1;
      if (v < min || v > max * scale) {
        emit(
          record,
          field,
          "ERRONEOUS",
          "gross",
          `${fmt(field, v)} hors de [${fmt(field, min)} ; ${fmt(field, max * scale)}]`,
        );
      }
    }
  }
}

/** Climatological limits of temperature for the record's month (suspect only: records happen). */
function climateCheck(records: readonly Observation[], context: QcContext, tolerance: number, emit: Emit) {
  const margin = CLIMATE_MARGIN * tolerance;
  for (const record of records) {
    const t = value(record, "outTemp");
    if (t == null) continue;
    const [min, max] = context.temperatureLimits[new Date(record.dateTime * 1000).getUTCMonth()];
    if (t < min - margin || t > max + margin) {
      emit(
        record,
        "outTemp",
        "SUSPECT",
        "climate",
        `${fmt("outTemp", t)} hors des limites du mois [${fmt("outTemp", min - margin)} ; ${fmt("outTemp", max + margin)}]`,
      );
    }
  }
}

/**
 * Step: the change since the last accepted value, against a limit scaled to the time between them. A
 * value that jumps and comes straight back (a spike) is erroneous; a jump of twice the limit too. The
 * reference stays the last value not found erroneous, for at most three intervals.
 */
function stepCheck(records: readonly Observation[], tolerance: number, emit: Emit) {
  for (const [field, per5] of Object.entries(STEP_PER_5_MIN) as [QcField, number][]) {
    let reference: Observation | null = null;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const v = value(record, field);
      if (v == null) continue;
      const ref: Observation | null = reference;
      const refValue = ref ? value(ref, field) : null;
      const gap = ref ? record.dateTime - ref.dateTime : Number.POSITIVE_INFINITY;
      if (ref === null || refValue === null || gap > 3 * record.interval * 60) {
        reference = record;
        continue;
      }
      const limit = per5 * Math.sqrt(gap / 300) * tolerance;
      const delta = v - refValue;
      if (Math.abs(delta) <= limit) {
        reference = record;
        continue;
      }
      const next = records.slice(i + 1).find((r) => value(r, field) != null);
      const nextValue =
        next && next.dateTime - record.dateTime <= 3 * next.interval * 60 ? value(next, field) : null;
      const spike =
        nextValue !== null &&
        Math.abs(nextValue - v) > limit &&
        Math.sign(nextValue - v) !== Math.sign(delta);
      const erroneous = spike || Math.abs(delta) > 2 * limit;
      const minutes = Math.round(gap / 60);
      emit(
        record,
        field,
        erroneous ? "ERRONEOUS" : "SUSPECT",
        "step",
        `${spike ? "pic isolé : " : ""}${signed(field, delta)} en ${minutes} min (limite ${fmt(field, limit)})`,
      );
      if (!erroneous) reference = record;
    }
  }
}

/** Runs of consecutive records (no gap over an hour) whose `key` is the same non-null value. */
function runs(
  records: readonly Observation[],
  key: (record: Observation) => number | null,
): { value: number; records: Observation[] }[] {
  const result: { value: number; records: Observation[] }[] = [];
  let current: { value: number; records: Observation[] } | null = null;
  for (const record of records) {
    const k = key(record);
    const last = current?.records.at(-1);
    if (k != null && current && current.value === k && last && record.dateTime - last.dateTime <= HOUR) {
      current.records.push(record);
      continue;
    }
    current = k == null ? null : { value: k, records: [record] };
    if (current) result.push(current);
  }
  return result;
}

function duration(run: readonly Observation[]): number {
  return run.at(-1)!.dateTime - run[0].dateTime + run[0].interval * 60;
}

/** The neighbours' values of `field` at `t` (their record closest in time, within half an interval). */
function neighbourValues(
  neighbours: readonly Neighbour[],
  t: number,
  halfWindow: number,
  read: (record: Observation, neighbour: Neighbour) => number | null,
): number[] {
  const values: number[] = [];
  for (const neighbour of neighbours) {
    const records = neighbour.records;
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (records[mid].dateTime < t - halfWindow) lo = mid + 1;
      else hi = mid;
    }
    let best: Observation | null = null;
    for (let i = lo; i < records.length && records[i].dateTime <= t + halfWindow; i++) {
      if (!best || Math.abs(records[i].dateTime - t) < Math.abs(best.dateTime - t)) best = records[i];
    }
    const v = best ? read(best, neighbour) : null;
    if (v != null) values.push(v);
  }
  return values;
}

/** The highest gust of each neighbour over (from, to] (neighbours with no gust value are left out). */
function neighbourGusts(neighbours: readonly Neighbour[], from: number, to: number): number[] {
  const result: number[] = [];
  for (const neighbour of neighbours) {
    let max: number | null = null;
    for (const record of neighbour.records) {
      if (record.dateTime <= from || record.dateTime > to) continue;
      const gust = record.windGust;
      if (gust != null && (max === null || gust > max)) max = gust;
    }
    if (max !== null) result.push(max);
  }
  return result;
}

/** Persistence: a value stuck for longer than its quantity allows. */
function persistenceCheck(
  records: readonly Observation[],
  context: QcContext,
  tolerance: number,
  emit: Emit,
) {
  // `what` is only worded for the runs long enough to be flagged (most runs are short).
  const flagRun = (field: QcField, run: Observation[], limits: [number, number], what: () => string) => {
    const length = duration(run);
    if (length < limits[0] * HOUR * tolerance) return;
    const level = length >= limits[1] * HOUR * tolerance ? "ERRONEOUS" : "SUSPECT";
    const detail = `${what()} pendant ${hours(length)} (limite ${hours(limits[level === "ERRONEOUS" ? 1 : 0] * HOUR * tolerance)})`;
    for (const record of run) emit(record, field, level, "persistence", detail);
  };
  for (const [field, limits] of Object.entries(PERSISTENCE_HOURS) as [QcField, [number, number]][]) {
    for (const run of runs(records, (r) => value(r, field))) {
      const saturated = field === "outHumidity" && run.value >= 99;
      flagRun(
        field,
        run.records,
        saturated ? SATURATED_HUMIDITY_HOURS : limits,
        () => `${saturated ? "humidité saturée" : "valeur bloquée"} à ${fmt(field, run.value)}`,
      );
    }
  }
  // Rain at a constant non-zero amount per record: a gauge tipping by itself.
  for (const run of runs(records, (r) => (r.rain != null && r.rain > 0 ? r.rain : null))) {
    flagRun(
      "rain",
      run.records,
      CONSTANT_RAIN_HOURS,
      () => `pluie constante de ${fmt("rain", run.value, 2)} par relevé`,
    );
  }
  // Wind stuck at 0 while the neighbours have gusts: a frozen anemometer.
  const neighbours = context.neighbours ?? [];
  for (const run of runs(records, (r) => (r.windSpeed === 0 && (r.windGust ?? 0) === 0 ? 0 : null))) {
    const length = duration(run.records);
    if (length < Math.min(CALM_HOURS, CALM_ALONE_HOURS[0]) * HOUR * tolerance) continue;
    const from = run.records[0].dateTime - run.records[0].interval * 60;
    const gusts = neighbourGusts(neighbours, from, run.records.at(-1)!.dateTime);
    if (gusts.length >= MIN_NEIGHBOURS) {
      const gust = median(gusts);
      if (gust >= NEIGHBOUR_GUST_KMH) {
        const detail = `vent nul pendant ${hours(length)} alors que les voisins ont des rafales de ${fmt("windGust", gust)} (médiane)`;
        for (const record of run.records) emit(record, "windSpeed", "ERRONEOUS", "persistence", detail);
      }
    } else {
      flagRun("windSpeed", run.records, CALM_ALONE_HOURS, () => "vent nul");
    }
  }
}

/** Internal consistency between the quantities of one record (and rain rate against nearby rain). */
function consistencyCheck(records: readonly Observation[], start: number, context: QcContext, emit: Emit) {
  for (let i = start; i < records.length; i++) {
    const r = records[i];
    if (r.dewpoint != null && r.outTemp != null && r.dewpoint > r.outTemp + DEWPOINT_MARGIN) {
      emit(
        r,
        "dewpoint",
        "ERRONEOUS",
        "consistency",
        `point de rosée ${fmt("dewpoint", r.dewpoint)} au-dessus de la température ${fmt("outTemp", r.outTemp)}`,
      );
    }
    if (r.windGust != null && r.windSpeed != null && r.windGust < r.windSpeed - GUST_MARGIN) {
      emit(
        r,
        "windGust",
        "ERRONEOUS",
        "consistency",
        `rafale ${fmt("windGust", r.windGust)} sous le vent moyen ${fmt("windSpeed", r.windSpeed)}`,
      );
    }
    if (r.rain != null && r.rain > 0 && r.outHumidity != null && r.outHumidity < RAIN_DRY_HUMIDITY) {
      emit(
        r,
        "rain",
        "SUSPECT",
        "consistency",
        `pluie de ${fmt("rain", r.rain, 2)} avec une humidité de ${fmt("outHumidity", r.outHumidity, 0)}`,
      );
    }
    if (r.rainRate != null && r.rainRate >= RATE_WITHOUT_RAIN_MM_H) {
      const near: Observation[] = [];
      for (let j = i; j >= 0 && r.dateTime - records[j].dateTime <= 900; j--) near.push(records[j]);
      for (let j = i + 1; j < records.length && records[j].dateTime - r.dateTime <= 900; j++)
        near.push(records[j]);
      if (near.some((o) => o.rain != null) && near.every((o) => !o.rain)) {
        emit(
          r,
          "rainRate",
          "SUSPECT",
          "consistency",
          `intensité ${fmt("rainRate", r.rainRate)} sans pluie relevée à ±15 min`,
        );
      }
    }
    const night =
      (r.radiation != null && r.radiation > NIGHT_RADIATION) || (r.UV != null && r.UV > 0.5)
        ? solarElevation(r.dateTime - r.interval * 30, context.latitude, context.longitude) < NIGHT_ELEVATION
        : false;
    if (night) {
      if (r.radiation != null && r.radiation > NIGHT_RADIATION)
        emit(
          r,
          "radiation",
          "ERRONEOUS",
          "consistency",
          `${fmt("radiation", r.radiation, 0)} alors que le soleil est couché`,
        );
      if (r.UV != null && r.UV > 0.5)
        emit(r, "UV", "ERRONEOUS", "consistency", `UV ${fmt("UV", r.UV)} alors que le soleil est couché`);
    }
  }
}

/**
 * Spatial consistency: temperature brought to sea level by the lapse rate and sea-level pressure against
 * the neighbours' median (robust sigma from their MAD), and each hour's rain against theirs. Nothing is
 * flagged unless MIN_NEIGHBOURS neighbours report.
 */
function spatialCheck(records: readonly Observation[], context: QcContext, tolerance: number, emit: Emit) {
  const neighbours = context.neighbours ?? [];
  if (neighbours.length < MIN_NEIGHBOURS) return;
  const reduce = (field: QcField, v: number, altitude: number) =>
    field === "outTemp" ? v + (LAPSE_RATE * altitude) / 1000 : v;
  for (const [field, limits] of Object.entries(SPATIAL) as [
    QcField,
    NonNullable<(typeof SPATIAL)[QcField]>,
  ][]) {
    for (const record of records) {
      const v = value(record, field);
      if (v == null) continue;
      const others = neighbourValues(
        neighbours,
        record.dateTime,
        Math.max(150, record.interval * 30),
        (o, n) => {
          const x = value(o, field);
          return x == null ? null : reduce(field, x, n.altitude);
        },
      );
      if (others.length < MIN_NEIGHBOURS) continue;
      const { median: m, sigma } = robustSpread(others);
      const deviation = reduce(field, v, context.altitude) - m;
      const suspect = Math.max(limits.sigmas[0] * sigma, limits.floor[0]) * tolerance;
      if (Math.abs(deviation) <= suspect) continue;
      const erroneous = Math.max(limits.sigmas[1] * sigma, limits.floor[1]) * tolerance;
      const level = Math.abs(deviation) > erroneous ? "ERRONEOUS" : "SUSPECT";
      emit(
        record,
        field,
        level,
        "spatial",
        `${signed(field, deviation)} par rapport à la médiane de ${others.length} voisins${field === "outTemp" ? " (ramenée à l'altitude)" : ""} (limite ${fmt(field, level === "ERRONEOUS" ? erroneous : suspect)})`,
      );
    }
  }
  // Rain / no rain, hour by hour.
  const hourOf = (t: number) => Math.floor((t - 1) / HOUR) * HOUR;
  const sums = (list: readonly Observation[]) => {
    const map = new Map<number, number>();
    for (const r of list)
      if (r.rain != null) map.set(hourOf(r.dateTime), (map.get(hourOf(r.dateTime)) ?? 0) + r.rain);
    return map;
  };
  const theirs = neighbours.map((n) => sums(n.records));
  const byHour = new Map<number, Observation[]>();
  for (const r of records) if (r.rain != null) groupInto(byHour, hourOf(r.dateTime), r);
  for (const [hour, list] of byHour) {
    const own = list.reduce((s, r) => s + (r.rain ?? 0), 0);
    const others = theirs.map((m) => m.get(hour)).filter((x): x is number => x !== undefined);
    if (others.length < MIN_NEIGHBOURS) continue;
    if (own >= RAIN_ALONE_MM * tolerance && others.every((x) => x === 0)) {
      const detail = `${fmt("rain", own)} en une heure alors que ${others.length} voisins n'ont rien relevé`;
      for (const r of list) if ((r.rain ?? 0) > 0) emit(r, "rain", "SUSPECT", "spatial", detail);
    } else if (own === 0 && others.every((x) => x > 0) && median(others) >= RAIN_MISSED_MM * tolerance) {
      const detail = `aucune pluie en une heure alors que ${others.length} voisins ont relevé ${fmt("rain", median(others))} (médiane)`;
      for (const r of list) emit(r, "rain", "SUSPECT", "spatial", detail);
    }
  }
}

function groupInto<K, V>(map: Map<K, V[]>, key: K, item: V) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * The whole hours by which a day's sunrise and sunset, as the radiation sensor saw them, are off the
 * sun's: a clock set wrong (time zone, summer time) moves both the same way, while clouds delay the
 * morning and advance the evening. 0 when the day cannot tell.
 */
export function clockShiftHours(day: readonly Observation[], latitude: number, longitude: number): number {
  const withSun = day.filter((r) => r.radiation != null);
  if (withSun.length < 48) return 0;
  const elevation = (r: Observation) => solarElevation(r.dateTime - r.interval * 30, latitude, longitude);
  const lit = (r: Observation) => (r.radiation ?? 0) >= NIGHT_RADIATION;
  const up = (r: Observation) => elevation(r) >= 2;
  const first = (test: (r: Observation) => boolean) => withSun.find(test)?.dateTime;
  const last = (test: (r: Observation) => boolean) => withSun.findLast(test)?.dateTime;
  const [seenRise, seenSet, sunRise, sunSet] = [first(lit), last(lit), first(up), last(up)];
  if (seenRise === undefined || seenSet === undefined || sunRise === undefined || sunSet === undefined)
    return 0;
  // The day must hold both twilights (not cut by the start or end of the records).
  if (elevation(withSun[0]) > -6 || elevation(withSun.at(-1)!) > -6) return 0;
  const morning = seenRise - sunRise;
  const evening = seenSet - sunSet;
  if (Math.sign(morning) !== Math.sign(evening) || Math.abs(morning - evening) > 2400) return 0;
  const shift = Math.round((morning + evening) / 2 / HOUR);
  return Math.min(Math.abs(morning), Math.abs(evening)) >= 2400 ? shift : 0;
}

/** Time: records in the future, records repeated, irregular intervals, a clock shifted by whole hours. */
function timeCheck(records: readonly Observation[], start: number, context: QcContext, emit: Emit) {
  for (let i = start; i < records.length; i++) {
    const r = records[i];
    const previous = records[i - 1];
    if (r.dateTime > context.now + FUTURE_TOLERANCE) {
      emit(r, RECORD, "ERRONEOUS", "time", `relevé daté de ${hours(r.dateTime - context.now)} dans le futur`);
      continue;
    }
    if (
      r.dateTime % (r.interval * 60) !== 0 ||
      (previous && r.dateTime - previous.dateTime < r.interval * 60)
    ) {
      const gap = previous
        ? `, ${formatNumber((r.dateTime - previous.dateTime) / 60, 1)} min après le précédent`
        : "";
      emit(r, RECORD, "SUSPECT", "time", `intervalle irrégulier (${r.interval} min attendues${gap})`);
    }
    if (previous && isRepeat(previous, r))
      emit(r, RECORD, "ERRONEOUS", "time", "relevé identique au précédent (doublon)");
  }
  // Clock: day by day (UTC days), from the radiation's timing against the sun's.
  const days = new Map<number, Observation[]>();
  for (const r of records) {
    groupInto(days, Math.floor((r.dateTime - 1) / 86400), r);
  }
  const firstDay =
    start < records.length ? Math.floor((records[start].dateTime - 1) / 86400) : Number.POSITIVE_INFINITY;
  for (const [index, day] of days) {
    if (index < firstDay) continue;
    const shift = clockShiftHours(day, context.latitude, context.longitude);
    if (shift === 0) continue;
    const detail = `horloge décalée d'environ ${shift > 0 ? "+" : ""}${shift} h (rayonnement comparé à la course du soleil)`;
    for (const r of day) emit(r, RECORD, "ERRONEOUS", "time", detail);
  }
}

/** A record repeating the previous one: every measured value the same, wind gusts or sun included. */
function isRepeat(a: Observation, b: Observation): boolean {
  let present = 0;
  for (const field of QC_FIELDS) {
    if (a[field] !== b[field]) return false;
    if (a[field] != null) present++;
  }
  return present >= 4 && ((a.windGust ?? 0) > 0 || (a.radiation ?? 0) > 0 || (a.rain ?? 0) > 0);
}

const SEVERITY: Record<QcLevel, number> = { SUSPECT: 1, ERRONEOUS: 2 };

/** Index of the first record stamped after `t` (records oldest first). */
export function firstAfter(records: readonly Observation[], t: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid].dateTime <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every check on `records` (one station, oldest first): the worst verdict per record and quantity.
 * Records up to `after` are context (the job's look-back): they are judged only by the checks that need
 * them (a step from the last value, a stuck run reaching into the new records), so that a run over a few
 * new records does not redo the work of the days before.
 */
export function checkRecords(
  records: readonly Observation[],
  context: QcContext,
  after = Number.NEGATIVE_INFINITY,
): QcVerdict[] {
  const worst = new Map<string, QcVerdict>();
  const emit: Emit = (record, quantity, level, check, detail) => {
    const key = `${record.dateTime}:${quantity}`;
    const known = worst.get(key);
    if (known && SEVERITY[known.level] >= SEVERITY[level]) return;
    const v = quantity === RECORD ? null : value(record, quantity);
    worst.set(key, {
      dateTime: record.dateTime,
      interval: record.interval,
      quantity,
      level,
      check,
      detail,
      value: v,
    });
  };
  const tolerance = (check: TunableCheck) => context.tolerance?.[check] ?? 1;
  const start = firstAfter(records, after);
  const recent = records.slice(start);
  // The rain/no-rain comparison needs the whole hour of the first new record.
  const hourOfFirst = recent.length ? Math.floor((recent[0].dateTime - 1) / HOUR) * HOUR : after;
  timeCheck(records, start, context, emit);
  grossCheck(recent, emit);
  consistencyCheck(records, start, context, emit);
  stepCheck(records, tolerance("step"), emit);
  persistenceCheck(records, context, tolerance("persistence"), emit);
  spatialCheck(records.slice(firstAfter(records, hourOfFirst)), context, tolerance("spatial"), emit);
  climateCheck(recent, context, tolerance("climate"), emit);
  return [...worst.values()].sort((a, b) => a.dateTime - b.dateTime || a.quantity.localeCompare(b.quantity));
}

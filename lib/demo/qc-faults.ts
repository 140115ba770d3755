import type { Observation } from "../archive/reader";
import type { QcVerdict } from "../qc/checks";
import {
  DEPARTEMENT_TEMPERATURE,
  FUTURE_TOLERANCE,
  LAPSE_RATE,
  QC_FIELDS,
  type QcQuantity,
} from "../qc/limits";
import { intervalAt, metricWeather, type WeatherProfile } from "./weather";

/**
 * A test network for the quality control: a station and its neighbours under the same realistic weather
 * (lib/demo/weather.ts, one air mass for all, each at its own altitude), with sensor faults of every kind
 * the checks look for injected at the station, and real extremes (a foehn onset, a storm's pressure dip,
 * a heavy shower) put in the whole network. Pure: the tests and the bench build it in memory.
 */

export interface InjectedFault {
  kind: string;
  /** the quantity the checks must flag */
  quantity: QcQuantity;
  /** records with from < dateTime <= to are faulty */
  from: number;
  to: number;
  /** the least severe verdict that counts as caught */
  expected: "SUSPECT" | "ERRONEOUS";
}

export interface RealExtreme {
  kind: string;
  quantity: QcQuantity;
  from: number;
  to: number;
}

export interface FaultyNetwork {
  profile: WeatherProfile;
  records: Observation[];
  neighbours: { altitude: number; records: Observation[] }[];
  faults: InjectedFault[];
  extremes: RealExtreme[];
  now: number;
  temperatureLimits: [number, number][];
}

const HOUR = 3600;
const DAY = 86400;

const BASE: WeatherProfile = {
  seed: 4404,
  latitude: 43.7,
  longitude: 7.27,
  altitude: 120,
  climate: "hill",
  usUnits: 16,
  intervals: [{ until: Number.MAX_SAFE_INTEGER, minutes: 5 }],
  solar: true,
  console: false,
};
const NEIGHBOUR_ALTITUDES = [10, 60, 250, 400, 180];

function series(profile: WeatherProfile, from: number, to: number): Observation[] {
  const records: Observation[] = [];
  for (let t = from + 300; t <= to; t += 300) {
    const interval = intervalAt(profile, t);
    records.push({ dateTime: t, interval, ...metricWeather(profile, t, interval) });
  }
  return records;
}

/** `days` of weather from `start` (unix seconds, a UTC midnight) with the faults and extremes. */
export function faultyNetwork(start: number, days = 40): FaultyNetwork {
  const end = start + days * DAY;
  const profile = BASE;
  const records = series(profile, start, end);
  const neighbours = NEIGHBOUR_ALTITUDES.map((altitude) => ({
    altitude,
    records: series({ ...profile, altitude }, start, end),
  }));
  const all = [records, ...neighbours.map((n) => n.records)];
  const faults: InjectedFault[] = [];
  const extremes: RealExtreme[] = [];
  const at = (d: number, h: number) => start + d * DAY + h * HOUR;
  const within = (list: Observation[], from: number, to: number) =>
    list.filter((r) => r.dateTime > from && r.dateTime <= to);
  const inject = (
    kind: string,
    quantity: QcQuantity,
    from: number,
    to: number,
    expected: InjectedFault["expected"],
    change: (r: Observation, i: number) => void,
  ) => {
    within(records, from, to).forEach(change);
    faults.push({ kind, quantity, from, to, expected });
  };
  // Hours of the network's weather, to put faults where they can be seen.
  const windy = (d: number) => {
    for (let h = 0; h < 20; h++) {
      const span = neighbours.map((n) => within(n.records, at(d, h), at(d, h + 4)));
      const gusts = span.map((list) => Math.max(...list.map((r) => r.windGust ?? 0))).sort((a, b) => a - b);
      if (gusts[2] >= 20) return h;
    }
    return null;
  };
  const rainy = (fromDay: number) => {
    for (let t = at(fromDay, 0); t < end - DAY; t += HOUR) {
      const sums = neighbours.map((n) =>
        within(n.records, t, t + HOUR).reduce((s, r) => s + (r.rain ?? 0), 0),
      );
      if (sums.every((s) => s >= 4)) return t;
    }
    return null;
  };

  // Faults, one a day or so, on distinct quantities or days.
  inject("valeur impossible", "outTemp", at(1, 10), at(1, 10) + 300, "ERRONEOUS", (r) => {
    r.outTemp = 75;
  });
  inject("pic isolé", "outTemp", at(2, 14), at(2, 14) + 300, "ERRONEOUS", (r) => {
    r.outTemp = (r.outTemp ?? 0) + 12;
  });
  const stuck = within(records, at(3, 8), at(3, 8) + 300)[0]?.outTemp ?? 15;
  inject("température bloquée", "outTemp", at(3, 8), at(3, 14), "ERRONEOUS", (r) => {
    r.outTemp = stuck;
  });
  inject("humidité saturée", "outHumidity", at(4, 0), at(7, 0), "ERRONEOUS", (r) => {
    r.outHumidity = 100;
  });
  const calmDay = [8, 9, 10, 11, 12].find((d) => windy(d) !== null) ?? 8;
  const calmHour = windy(calmDay) ?? 0;
  inject(
    "anémomètre gelé",
    "windSpeed",
    at(calmDay, calmHour),
    at(calmDay, calmHour + 4),
    "ERRONEOUS",
    (r) => {
      r.windSpeed = 0;
      r.windGust = 0;
    },
  );
  inject("pluviomètre qui bascule seul", "rain", at(13, 2), at(13, 6), "ERRONEOUS", (r) => {
    r.rain = 0.2;
    r.rainRate = 2.4;
  });
  inject(
    "point de rosée au-dessus de la température",
    "dewpoint",
    at(14, 9),
    at(14, 10),
    "ERRONEOUS",
    (r) => {
      r.dewpoint = (r.outTemp ?? 0) + 3;
    },
  );
  inject("rafale sous le vent moyen", "windGust", at(15, 12), at(15, 13), "ERRONEOUS", (r) => {
    r.windSpeed = Math.max(10, r.windSpeed ?? 0);
    r.windGust = (r.windSpeed ?? 0) / 2;
  });
  inject("pluie par air très sec", "rain", at(16, 13), at(16, 13) + 600, "SUSPECT", (r) => {
    r.rain = 0.4;
    r.outHumidity = 20;
    r.dewpoint = null;
  });
  inject("intensité sans pluie", "rainRate", at(17, 3), at(17, 3) + 300, "SUSPECT", (r) => {
    r.rainRate = 12;
    r.rain = 0;
  });
  inject("rayonnement la nuit", "radiation", at(18, 1), at(18, 2), "ERRONEOUS", (r) => {
    r.radiation = 400;
  });
  inject("baromètre décalé (changement de pile)", "barometer", at(19, 6), at(20, 6), "ERRONEOUS", (r) => {
    r.barometer = (r.barometer ?? 1013) + 8;
  });
  // In the sun, the screen warms up and cools down over half an hour.
  inject("capteur au soleil", "outTemp", at(21, 11), at(21, 14), "SUSPECT", (r) => {
    const ramp = Math.min(1, (r.dateTime - at(21, 11)) / 1800, (at(21, 14) - r.dateTime) / 1800 + 1 / 6);
    r.outTemp = (r.outTemp ?? 0) + 7 * ramp;
  });
  const wet = rainy(22);
  if (wet !== null)
    inject("pluviomètre bouché", "rain", wet, wet + HOUR, "SUSPECT", (r) => {
      r.rain = 0;
      r.rainRate = 0;
    });
  const dry = (d: number) =>
    neighbours.every((n) => within(n.records, at(d, 15), at(d, 16)).every((r) => !r.rain));
  const dryDay = [24, 25, 26, 27].find(dry) ?? 24;
  inject("pluie que les voisins n'ont pas", "rain", at(dryDay, 15), at(dryDay, 16), "SUSPECT", (r, i) => {
    r.rain = 0.3 + 0.1 * (i % 3);
    r.rainRate = 4 + i;
  });
  inject("température hors des limites du mois", "outTemp", at(28, 12), at(28, 14), "SUSPECT", (r) => {
    r.outTemp = 48;
  });
  // Time faults.
  const repeatAt = at(29, 15);
  const repeatIndex = records.findIndex((r) => r.dateTime === repeatAt);
  records[repeatIndex] = { ...records[repeatIndex - 1], dateTime: repeatAt };
  faults.push({
    kind: "doublon",
    quantity: "record",
    from: repeatAt - 300,
    to: repeatAt,
    expected: "ERRONEOUS",
  });
  const extra = at(30, 10) + 120;
  records.splice(
    records.findIndex((r) => r.dateTime > extra),
    0,
    { ...metricWeather(profile, extra, 5), dateTime: extra, interval: 5 },
  );
  faults.push({
    kind: "intervalle irrégulier",
    quantity: "record",
    from: extra - 1,
    to: extra,
    expected: "SUSPECT",
  });
  // A whole day stamped an hour late (the console's clock on the wrong time zone).
  for (const r of within(records, at(31, 0), at(32, 0)))
    Object.assign(r, metricWeather(profile, r.dateTime - HOUR, 5));
  faults.push({
    kind: "horloge décalée d'une heure",
    quantity: "record",
    from: at(31, 0),
    to: at(32, 0),
    expected: "ERRONEOUS",
  });
  const now = end - 2 * HOUR;
  faults.push({
    kind: "relevés dans le futur",
    quantity: "record",
    from: now + FUTURE_TOLERANCE,
    to: end,
    expected: "ERRONEOUS",
  });

  // Real extremes, in the whole network: none may be flagged.
  for (const list of all) {
    // Foehn: +8 °C within 15 minutes, for the afternoon, with drier air.
    within(list, at(33, 12), at(33, 18)).forEach((r, i) => {
      const rise = Math.min(8, (8 * (i + 1)) / 3);
      r.outTemp = (r.outTemp ?? 0) + rise;
      r.outHumidity = Math.max(15, (r.outHumidity ?? 50) - 4 * rise);
      r.dewpoint = null;
    });
    // A storm's pressure dip: −6 hPa in an hour, back in two.
    within(list, at(35, 3), at(35, 6)).forEach((r) => {
      const hours = (r.dateTime - at(35, 3)) / HOUR;
      r.barometer = (r.barometer ?? 1013) - (hours <= 1 ? 6 * hours : 6 * (1 - (hours - 1) / 2));
    });
    // A heavy shower: 25 mm in 30 minutes, humid air.
    within(list, at(37, 16), at(37, 16.5)).forEach((r) => {
      r.rain = 25 / 6;
      r.rainRate = 65;
      r.outHumidity = 95;
      r.dewpoint = (r.outTemp ?? 15) - 0.8;
    });
  }
  extremes.push(
    { kind: "foehn", quantity: "outTemp", from: at(33, 12), to: at(33, 18) },
    { kind: "creux de pression d'un orage", quantity: "barometer", from: at(35, 3), to: at(35, 6) },
    { kind: "grosse averse", quantity: "rain", from: at(37, 16), to: at(37, 16.5) },
  );
  const shift = (LAPSE_RATE * profile.altitude) / 1000;
  return {
    profile,
    records,
    neighbours,
    faults,
    extremes,
    now,
    temperatureLimits: DEPARTEMENT_TEMPERATURE.map(([low, high]) => [low - shift, high - shift]),
  };
}

/** Records just after a fault may be flagged for the jump back to good values: not counted as false. */
const EDGE = 900;

export interface Score {
  /** per fault: caught at the expected level (or worse) */
  caught: { fault: InjectedFault; verdicts: number; records: number }[];
  /** faults caught / faults */
  detectionRate: number;
  /** flagged values outside the faults (and their edges) / values outside them */
  falseFlagRate: number;
  falseFlags: QcVerdict[];
  /** verdicts on the real extremes */
  extremeFlags: QcVerdict[];
}

/** How the checks' verdicts on a faulty network compare with what was injected (pure). */
export function scoreVerdicts(network: FaultyNetwork, verdicts: readonly QcVerdict[]): Score {
  const severity = { SUSPECT: 1, ERRONEOUS: 2 } as const;
  const covers = (v: QcVerdict, f: { quantity: QcQuantity; from: number; to: number }) =>
    v.dateTime > f.from &&
    v.dateTime <= f.to &&
    (v.quantity === f.quantity || v.quantity === "record" || f.quantity === "record");
  const caught = network.faults.map((fault) => ({
    fault,
    verdicts: verdicts.filter((v) => covers(v, fault) && severity[v.level] >= severity[fault.expected])
      .length,
    records: network.records.filter((r) => r.dateTime > fault.from && r.dateTime <= fault.to).length,
  }));
  const nearFault = (v: QcVerdict) =>
    network.faults.some((f) => v.dateTime > f.from && v.dateTime <= f.to + EDGE);
  const falseFlags = verdicts.filter((v) => !nearFault(v));
  const values = network.records.reduce(
    (n, r) =>
      n +
      (nearFault({ dateTime: r.dateTime } as QcVerdict) ? 0 : QC_FIELDS.filter((f) => r[f] != null).length),
    0,
  );
  return {
    caught,
    detectionRate: caught.filter((c) => c.verdicts > 0).length / caught.length,
    falseFlagRate: falseFlags.length / values,
    falseFlags,
    extremeFlags: verdicts.filter((v) => network.extremes.some((e) => covers(v, e))),
  };
}

import { Body, Illumination, MoonPhase, Observer, SearchAltitude, SearchRiseSet } from "astronomy-engine";
import { addDays, localDayBounds } from "../time";

/**
 * The almanac of a place on a local day (pure): sunrise and sunset, civil twilight, day length and its
 * change since the day before, the moon's phase and its rise and set. Positions come from
 * astronomy-engine (VSOP87 and a full lunar theory, within a minute of published ephemerides); rise and
 * set are for the upper limb with standard refraction, as almanacs print them. Times are unix seconds.
 */

export interface Almanac {
  /** Sun events of the day, null when they do not happen (never at our latitudes, but polar days exist). */
  sunrise: number | null;
  sunset: number | null;
  /** Civil twilight: the sun 6° below the horizon. */
  dawn: number | null;
  dusk: number | null;
  /** Seconds between sunrise and sunset. */
  dayLength: number | null;
  /** Change of the day length since the day before, seconds (negative when days shorten). */
  dayLengthChange: number | null;
  /** Moon events of the day: some days have no moonrise or no moonset. */
  moonrise: number | null;
  moonset: number | null;
  moon: MoonState;
}

export interface MoonState {
  /** Ecliptic longitude of the moon minus the sun's: 0 new, 90 first quarter, 180 full, 270 last quarter. */
  phaseAngle: number;
  /** Lit fraction of the disc, 0 to 1. */
  illumination: number;
  /** French name of the phase. */
  name: string;
}

/** The eight phases, centred on their angles (a quarter is named within ±22.5° of it). */
const PHASE_NAMES = [
  "Nouvelle lune",
  "Premier croissant",
  "Premier quartier",
  "Gibbeuse croissante",
  "Pleine lune",
  "Gibbeuse décroissante",
  "Dernier quartier",
  "Dernier croissant",
];

/** French name of a phase angle (degrees). */
export function moonPhaseName(phaseAngle: number): string {
  const angle = ((phaseAngle % 360) + 360) % 360;
  return PHASE_NAMES[Math.round(angle / 45) % 8];
}

/** The moon's phase at `t`. */
export function moonAt(t: number): MoonState {
  const date = new Date(t * 1000);
  const phaseAngle = MoonPhase(date);
  return {
    phaseAngle,
    illumination: Illumination(Body.Moon, date).phase_fraction,
    name: moonPhaseName(phaseAngle),
  };
}

const seconds = (time: { date: Date } | null) => (time ? Math.round(time.date.getTime() / 1000) : null);

/** Event within the local day (start, end], or null. */
function within(found: number | null, start: number, end: number): number | null {
  return found !== null && found > start && found <= end ? found : null;
}

function sunOf(day: string, observer: Observer, timeZone: string) {
  const { start, end } = localDayBounds(day, timeZone);
  const from = new Date(start * 1000);
  const event = (find: (from: Date) => { date: Date } | null) => within(seconds(find(from)), start, end);
  const sunrise = event((d) => SearchRiseSet(Body.Sun, observer, +1, d, 1));
  const sunset = event((d) => SearchRiseSet(Body.Sun, observer, -1, d, 1));
  return {
    start,
    end,
    from,
    sunrise,
    sunset,
    dawn: event((d) => SearchAltitude(Body.Sun, observer, +1, d, 1, -6)),
    dusk: event((d) => SearchAltitude(Body.Sun, observer, -1, d, 1, -6)),
    dayLength: sunrise !== null && sunset !== null ? sunset - sunrise : null,
  };
}

/**
 * The almanac of the local `day` ("YYYY-MM-DD") at a place; the moon's phase at `moonTime` (unix
 * seconds, local noon by default).
 */
export function almanac(
  day: string,
  place: { latitude: number; longitude: number },
  timeZone: string,
  moonTime?: number,
): Almanac {
  // Rise and set are those of the sea horizon, as published: the station's height is left out.
  const observer = new Observer(place.latitude, place.longitude, 0);
  const sun = sunOf(day, observer, timeZone);
  const yesterday = sunOf(addDays(day, -1), observer, timeZone);
  const moonEvent = (direction: 1 | -1) =>
    within(seconds(SearchRiseSet(Body.Moon, observer, direction, sun.from, 1)), sun.start, sun.end);
  return {
    sunrise: sun.sunrise,
    sunset: sun.sunset,
    dawn: sun.dawn,
    dusk: sun.dusk,
    dayLength: sun.dayLength,
    dayLengthChange:
      sun.dayLength !== null && yesterday.dayLength !== null ? sun.dayLength - yesterday.dayLength : null,
    moonrise: moonEvent(+1),
    moonset: moonEvent(-1),
    moon: moonAt(moonTime ?? Math.round((sun.start + sun.end) / 2)),
  };
}

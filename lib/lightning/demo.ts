import type { FeedStrike } from "./feed";

/**
 * Synthetic strikes for the demo (LIGHTNING_DEMO=1) and the benchmarks, never for production. A pure
 * function of time: the same minute always gets the same strikes, so re-seeding only adds new ones.
 * - storm days, more frequent from June to October: an afternoon cell crossing the département;
 * - a "live" cell wandering around Nice from `liveSinceMs` on, so that the demo map is never empty.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Probability of a storm day per month (January first), roughly the Côte d'Azur's climatology. */
const STORM_PROBABILITY = [0.03, 0.03, 0.05, 0.08, 0.12, 0.2, 0.22, 0.25, 0.3, 0.25, 0.15, 0.05];

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedOf = (a: number, b: number) => (Math.imul(a, 2654435761) ^ Math.imul(b + 0x9e3779b9, 40503)) >>> 0;

/** A normally distributed offset (Box–Muller). */
function gaussian(rand: () => number, sigma: number): number {
  return sigma * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

interface Cell {
  /** Strikes per minute around the cell at time t (ms), and its centre. */
  at(t: number): { rate: number; latitude: number; longitude: number };
  startMs: number;
  endMs: number;
  seed: number;
  spread: number;
}

function stormOfDay(day: number, intensity: number): Cell | null {
  const rand = random(seedOf(day, 1));
  const month = new Date(day * DAY).getUTCMonth();
  if (rand() >= STORM_PROBABILITY[month]) return null;
  const startMs = day * DAY + (11 + Math.floor(rand() * 9)) * 3600_000 + Math.floor(rand() * 60) * MINUTE;
  const duration = (90 + Math.floor(rand() * 240)) * MINUTE;
  const latitude = 43.25 + rand() * 1.0;
  const longitude = 6.3 + rand() * 1.4;
  const dLat = (rand() - 0.3) * 0.15; // degrees per hour: storms mostly drift north-east
  const dLon = 0.1 + rand() * 0.25;
  const peak = (3 + rand() * 20) * intensity;
  return {
    startMs,
    endMs: startMs + duration,
    seed: day,
    spread: 0.06 + rand() * 0.06,
    at(t) {
      const hours = (t - startMs) / 3600_000;
      return {
        rate: peak * Math.sin((Math.PI * (t - startMs)) / duration),
        latitude: latitude + dLat * hours,
        longitude: longitude + dLon * hours,
      };
    },
  };
}

function liveCell(liveSinceMs: number, toMs: number, intensity: number): Cell {
  const h = 3600_000;
  return {
    startMs: liveSinceMs,
    endMs: toMs,
    seed: 0x11fe,
    spread: 0.08,
    at(t) {
      return {
        rate: intensity * (1.6 + 1.2 * Math.sin((2 * Math.PI * t) / (2.1 * h))),
        latitude: 43.72 + 0.3 * Math.sin((2 * Math.PI * t) / (5 * h)),
        longitude: 7.3 + 0.45 * Math.sin((2 * Math.PI * t) / (7.3 * h) + 1),
      };
    },
  };
}

function cellStrikes(cell: Cell, fromMs: number, toMs: number, out: FeedStrike[]): void {
  const first = Math.max(Math.floor(fromMs / MINUTE), Math.floor(cell.startMs / MINUTE));
  const last = Math.min(Math.floor(toMs / MINUTE), Math.floor(cell.endMs / MINUTE));
  for (let minute = first; minute <= last; minute++) {
    const rand = random(seedOf(minute, cell.seed));
    const { rate } = cell.at(minute * MINUTE + 30_000);
    const count = Math.floor(Math.max(0, rate) + rand());
    for (let i = 0; i < count; i++) {
      const timeMs = minute * MINUTE + Math.floor(rand() * MINUTE);
      const centre = cell.at(timeMs);
      const strike: FeedStrike = {
        timeMs,
        latitude: Math.round((centre.latitude + gaussian(rand, cell.spread)) * 1e5) / 1e5,
        longitude: Math.round((centre.longitude + gaussian(rand, cell.spread * 1.4)) * 1e5) / 1e5,
        altitude: 0,
        polarity: rand() < 0.85 ? -1 : 1,
        maxDeviation: 1000 + Math.floor(rand() * 9000),
        status: 0,
      };
      if (timeMs > fromMs && timeMs <= toMs && timeMs >= cell.startMs && timeMs <= cell.endMs)
        out.push(strike);
    }
  }
}

/**
 * The synthetic strikes with fromMs < time ≤ toMs, oldest first. `intensity` scales every storm (the
 * benchmarks use it to reach millions of strikes).
 */
export function demoStrikes(
  fromMs: number,
  toMs: number,
  {
    liveSinceMs = Number.POSITIVE_INFINITY,
    intensity = 1,
  }: { liveSinceMs?: number; intensity?: number } = {},
): FeedStrike[] {
  const strikes: FeedStrike[] = [];
  for (let day = Math.floor(fromMs / DAY); day <= Math.floor(toMs / DAY); day++) {
    const storm = stormOfDay(day, intensity);
    if (storm) cellStrikes(storm, fromMs, toMs, strikes);
  }
  if (liveSinceMs < toMs) cellStrikes(liveCell(liveSinceMs, toMs, intensity), fromMs, toMs, strikes);
  return strikes.sort((a, b) => a.timeMs - b.timeMs);
}

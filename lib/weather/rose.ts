import { cardinal } from "./wind";

/**
 * A wind rose (pure): how often the wind blew from each of 16 directions, split by speed class, as
 * percentages of the time with a measured wind. Calm (no direction, or below the first class) is
 * counted apart, as WMO roses do.
 */

/** Lower bounds of the speed classes, km/h. */
export const ROSE_CLASSES = [2, 10, 20, 30, 50] as const;

export interface WindSample {
  /** Degrees, null when calm. */
  direction: number | null;
  /** km/h */
  speed: number | null;
  /** Duration the sample stands for (minutes, or any unit as long as all samples use it). */
  weight: number;
}

export interface WindRose {
  /** percent[sector][class], sectors from N clockwise. */
  percent: number[][];
  sectors: string[];
  calmPercent: number;
  /** Total weight of the samples counted. */
  total: number;
}

export function windRose(samples: readonly WindSample[]): WindRose {
  const counts = Array.from({ length: 16 }, () => ROSE_CLASSES.map(() => 0));
  let calm = 0;
  let total = 0;
  for (const { direction, speed, weight } of samples) {
    if (speed == null) continue;
    total += weight;
    if (direction == null || speed < ROSE_CLASSES[0]) {
      calm += weight;
      continue;
    }
    const sector = Math.round((((direction % 360) + 360) % 360) / 22.5) % 16;
    let speedClass = 0;
    while (speedClass + 1 < ROSE_CLASSES.length && speed >= ROSE_CLASSES[speedClass + 1]) speedClass++;
    counts[sector][speedClass] += weight;
  }
  const percent = (value: number) => (total > 0 ? (100 * value) / total : 0);
  return {
    percent: counts.map((row) => row.map(percent)),
    sectors: Array.from({ length: 16 }, (_, i) => cardinal(i * 22.5)!),
    calmPercent: percent(calm),
    total,
  };
}

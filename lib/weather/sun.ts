/** Sun position (low-precision NOAA/USNO formulas, ±0.1°: enough for radiation models and night bands). */

const RAD = Math.PI / 180;
const J2000 = 946728000; // 2000-01-01T12:00:00Z in unix seconds

/** Solar elevation in degrees above the horizon at unix time `t` (seconds). */
export function solarElevation(t: number, latitude: number, longitude: number): number {
  const d = (t - J2000) / 86400;
  const g = (357.529 + 0.98560028 * d) * RAD;
  const q = 280.459 + 0.98564736 * d;
  const eclipticLongitude = (q + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * RAD;
  const obliquity = (23.439 - 0.00000036 * d) * RAD;
  const rightAscension = Math.atan2(
    Math.cos(obliquity) * Math.sin(eclipticLongitude),
    Math.cos(eclipticLongitude),
  );
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const siderealHours = 18.697374558 + 24.06570982441908 * d;
  const hourAngle = ((siderealHours * 15 + longitude) * RAD - rightAscension) % (2 * Math.PI);
  const lat = latitude * RAD;
  const sinElevation =
    Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  return Math.asin(sinElevation) / RAD;
}

/** Night means the sun's upper limb is below the horizon, with standard refraction. */
export function isNight(t: number, latitude: number, longitude: number): boolean {
  return solarElevation(t, latitude, longitude) < -0.833;
}

/**
 * Nights between `from` and `to` (unix seconds) as [start, end] periods, found by sampling every
 * `step` seconds (5 minutes: precise enough to shade a chart).
 */
export function nightPeriods(
  from: number,
  to: number,
  latitude: number,
  longitude: number,
  step = 300,
): [number, number][] {
  const periods: [number, number][] = [];
  let start: number | null = null;
  for (let t = from; t <= to; t += step) {
    const night = isNight(t, latitude, longitude);
    if (night && start === null) start = t;
    if (!night && start !== null) {
      periods.push([start, t]);
      start = null;
    }
  }
  if (start !== null) periods.push([start, to]);
  return periods;
}

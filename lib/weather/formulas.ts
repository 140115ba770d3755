/** Derived meteorological quantities, metric in and out (°C, %, km/h, hPa). */

/** Saturation vapour pressure over water, hPa (Magnus, Alduchov & Eskridge 1996). */
export function saturationVapourPressure(temperature: number): number {
  return 6.1094 * Math.exp((17.625 * temperature) / (temperature + 243.04));
}

export function dewPoint(temperature: number, humidity: number): number {
  const gamma = Math.log(Math.max(humidity, 0.1) / 100) + (17.625 * temperature) / (243.04 + temperature);
  return (243.04 * gamma) / (17.625 - gamma);
}

export function relativeHumidity(temperature: number, dewpoint: number): number {
  return Math.min(100, (100 * saturationVapourPressure(dewpoint)) / saturationVapourPressure(temperature));
}

/** Wind chill (JAG/TI, as WeeWX): defined for T ≤ 10 °C and wind > 4.8 km/h, otherwise the temperature. */
export function windChill(temperature: number, windKmh: number): number {
  if (temperature > 10 || windKmh <= 4.8) return temperature;
  const v = windKmh ** 0.16;
  return 13.12 + 0.6215 * temperature - 11.37 * v + 0.3965 * temperature * v;
}

/** Heat index (NOAA Rothfusz regression with its adjustments); the temperature below 26.7 °C. */
export function heatIndex(temperature: number, humidity: number): number {
  if (temperature < 26.7) return temperature;
  const t = (temperature * 9) / 5 + 32;
  const rh = humidity;
  let hi =
    -42.379 +
    2.04901523 * t +
    10.14333127 * rh -
    0.22475541 * t * rh -
    0.00683783 * t * t -
    0.05481717 * rh * rh +
    0.00122874 * t * t * rh +
    0.00085282 * t * rh * rh -
    0.00000199 * t * t * rh * rh;
  if (rh < 13 && t >= 80 && t <= 112) hi -= ((13 - rh) / 4) * Math.sqrt((17 - Math.abs(t - 95)) / 17);
  else if (rh > 85 && t >= 80 && t <= 87) hi += ((rh - 85) / 10) * ((87 - t) / 5);
  return ((hi - 32) * 5) / 9;
}

/** Humidex (Environment Canada). */
export function humidex(temperature: number, dewpoint: number): number {
  const e = 6.11 * Math.exp(5417.753 * (1 / 273.16 - 1 / (dewpoint + 273.15)));
  return temperature + 0.5555 * (e - 10);
}

/** Apparent temperature (Steadman 1994, shade), as WeeWX's appTemp. */
export function apparentTemperature(temperature: number, humidity: number, windKmh: number): number {
  const e = (humidity / 100) * saturationVapourPressure(temperature);
  return temperature + 0.33 * e - 0.7 * (windKmh / 3.6) - 4;
}

/** Feels-like as the legacy site showed it: wind chill when cold, heat index when hot. */
export function feelsLike(temperature: number, humidity: number | null, windKmh: number | null): number {
  if (temperature <= 10 && windKmh != null) return windChill(temperature, windKmh);
  if (temperature >= 26.7 && humidity != null) return heatIndex(temperature, humidity);
  return temperature;
}

/** Station pressure from sea-level pressure and altitude (standard atmosphere). */
export function stationPressure(seaLevel: number, altitude: number): number {
  return seaLevel * (1 - 2.25577e-5 * altitude) ** 5.25588;
}

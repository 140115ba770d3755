/**
 * One cell of a forecast table as the editor sends it (1 June 2030; only the zone, sky and Tmax vary):
 * its line on the revisions' compare page is
 * "Prévision du 01/06/2030, <zone> : <sky>, min 15 °C, max <tMax> °C, vent SE 20 km/h, pluie 10 %".
 */
export function forecastCell(zone: string, sky: string, tMax: number) {
  return { day: "2030-06-01", zone, sky, tMin: 15, tMax, windSpeed: 20, windDir: "SE", rainProbability: 10 };
}

/** Great-circle geometry on a spherical Earth (haversine), precise to ~0.5 % — ample for strikes. */

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Mean Earth radius (km) used by the haversine formula. */
export const EARTH_RADIUS_KM = 6371;

const RAD = Math.PI / 180;

/** Great-circle distance between two points, in kilometres (haversine formula). */
export function distanceKm(from: LatLon, to: LatLon): number {
  const dLat = (to.latitude - from.latitude) * RAD;
  const dLon = (to.longitude - from.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(from.latitude * RAD) * Math.cos(to.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from `from` towards `to`, in degrees clockwise from north, in [0, 360). */
export function bearingDegrees(from: LatLon, to: LatLon): number {
  const phi1 = from.latitude * RAD;
  const phi2 = to.latitude * RAD;
  const dLon = (to.longitude - from.longitude) * RAD;
  const y = Math.sin(dLon) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/**
 * A latitude/longitude box around `centre` that contains every point within `radiusKm`: a cheap
 * pre-filter before the haversine (and a WHERE clause for stored strikes).
 */
export function boxAround(centre: LatLon, radiusKm: number) {
  const dLat = radiusKm / (EARTH_RADIUS_KM * RAD);
  const cos = Math.cos(Math.min(89, Math.abs(centre.latitude) + dLat) * RAD);
  const dLon = dLat / cos;
  return {
    south: centre.latitude - dLat,
    north: centre.latitude + dLat,
    west: centre.longitude - dLon,
    east: centre.longitude + dLon,
  };
}

/** Ray casting: true when the point is inside the polygon ([longitude, latitude] vertices). */
export function insidePolygon(point: LatLon, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (
      yi > point.latitude !== yj > point.latitude &&
      point.longitude < ((xj - xi) * (point.latitude - yi)) / (yj - yi) + xi
    ) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * Simplified outline of the Alpes-Maritimes ([longitude, latitude], about 2 km accurate): the coast from
 * the Esterel to Menton, the borders with the Var, the Alpes-de-Haute-Provence and Italy. Monaco, an
 * enclave of 2 km², is not cut out.
 */
export const ALPES_MARITIMES: readonly (readonly [number, number])[] = [
  [7.53, 43.785], // Menton, Italian border at the sea
  [7.42, 43.72],
  [7.33, 43.68], // Cap Ferrat
  [7.2, 43.65], // Nice airport
  [7.13, 43.56], // Cap d'Antibes
  [7.0, 43.535], // Cannes
  [6.935, 43.48], // Théoule, Var border at the sea
  [6.89, 43.56],
  [6.85, 43.61],
  [6.75, 43.67],
  [6.65, 43.74],
  [6.64, 43.8],
  [6.7, 43.87],
  [6.78, 43.91],
  [6.84, 43.96], // Entrevaux (04) stays outside
  [6.76, 44.05],
  [6.72, 44.12],
  [6.7, 44.2],
  [6.73, 44.27], // col de la Cayolle
  [6.85, 44.32],
  [6.89, 44.36], // cime de la Bonette
  [6.99, 44.3],
  [7.07, 44.23], // col de la Lombarde
  [7.16, 44.21],
  [7.28, 44.15],
  [7.42, 44.12], // mont Clapier
  [7.57, 44.15], // col de Tende
  [7.67, 44.14],
  [7.71, 44.07], // mont Saccarello
  [7.66, 43.98],
  [7.55, 43.9],
  [7.53, 43.85],
];

const OUTLINE_BOX = {
  south: Math.min(...ALPES_MARITIMES.map(([, lat]) => lat)),
  north: Math.max(...ALPES_MARITIMES.map(([, lat]) => lat)),
  west: Math.min(...ALPES_MARITIMES.map(([lon]) => lon)),
  east: Math.max(...ALPES_MARITIMES.map(([lon]) => lon)),
};

export function inAlpesMaritimes(point: LatLon): boolean {
  const box = OUTLINE_BOX;
  if (point.latitude < box.south || point.latitude > box.north) return false;
  if (point.longitude < box.west || point.longitude > box.east) return false;
  return insidePolygon(point, ALPES_MARITIMES);
}

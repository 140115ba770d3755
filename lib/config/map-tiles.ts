/**
 * Map tiles for Leaflet maps: MAP_TILES_URL (a {z}/{x}/{y} template; empty disables tiles, as the tests
 * do, since nothing may be fetched outside loopback there) and MAP_TILES_ATTRIBUTION.
 */
export interface MapTiles {
  url: string;
  attribution: string;
}

const OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

export function mapTiles(): MapTiles | null {
  const url = process.env.MAP_TILES_URL ?? OSM;
  if (url.trim() === "") return null;
  return {
    url,
    attribution:
      process.env.MAP_TILES_ATTRIBUTION ??
      '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  };
}

/** Centre of the département, for maps that show the whole network. */
export const ALPES_MARITIMES_CENTER: [number, number] = [43.85, 7.15];

/**
 * Map tiles for Leaflet maps: MAP_TILES_URL (a {z}/{x}/{y} template; empty disables tiles, as the tests
 * do, since nothing may be fetched outside loopback there), MAP_TILES_ATTRIBUTION (plain text) and
 * MAP_TILES_ATTRIBUTION_URL. The attribution is shown by the page as text and a link, never handed to
 * Leaflet, which would write it as HTML.
 */
export interface MapTiles {
  url: string;
  attribution: { text: string; href: string | null };
}

const OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

export function mapTiles(): MapTiles | null {
  const url = process.env.MAP_TILES_URL ?? OSM;
  if (url.trim() === "") return null;
  return {
    url,
    attribution: process.env.MAP_TILES_ATTRIBUTION
      ? { text: process.env.MAP_TILES_ATTRIBUTION, href: process.env.MAP_TILES_ATTRIBUTION_URL || null }
      : { text: "© OpenStreetMap", href: "https://www.openstreetmap.org/copyright" },
  };
}

/** Centre of the département, for maps that show the whole network. */
export const ALPES_MARITIMES_CENTER: [number, number] = [43.85, 7.15];

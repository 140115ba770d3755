import type { MapTiles } from "@/lib/config/map-tiles";

/** The tiles' attribution under a map, as text and a link (the tile provider's licence asks for it). */
export function MapAttribution({ tiles }: { tiles: MapTiles | null }) {
  if (!tiles) return null;
  const { text, href } = tiles.attribution;
  return <p className="map-attribution">{href ? <a href={href}>{text}</a> : text}</p>;
}

"use client";

import type * as Leaflet from "leaflet";
import "leaflet/dist/leaflet.css";
import { type RefObject, useEffect, useState } from "react";
import type { MapTiles } from "@/lib/config/map-tiles";

export interface LeafletMapState {
  L: typeof Leaflet;
  map: Leaflet.Map;
}

/**
 * Creates a Leaflet map in `container` once mounted. Leaflet's code is loaded on demand (it needs
 * `window`); its small stylesheet comes with the component, so pages without a map load neither.
 */
export function useLeafletMap(
  container: RefObject<HTMLElement | null>,
  { center, zoom, tiles }: { center: [number, number]; zoom: number; tiles: MapTiles | null },
): LeafletMapState | null {
  const [state, setState] = useState<LeafletMapState | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later prop changes are applied by the caller
  useEffect(() => {
    let map: Leaflet.Map | undefined;
    let cancelled = false;
    (async () => {
      const L = await import("leaflet");
      if (cancelled || !container.current) return;
      // Leaflet's attribution control writes HTML: the tiles' attribution is <MapAttribution> instead.
      map = L.map(container.current, { center, zoom, scrollWheelZoom: false, attributionControl: false });
      if (tiles) L.tileLayer(tiles.url, { maxZoom: 18 }).addTo(map);
      setState({ L, map });
    })();
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, []);
  return state;
}

/**
 * Tooltip and popup content as an element holding plain text: Leaflet writes a string with innerHTML,
 * so a station name like `<img onerror=…>` would run. Never hand Leaflet a string.
 */
export function plainText(text: string): HTMLElement {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

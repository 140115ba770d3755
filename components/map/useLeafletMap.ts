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
 * Creates a Leaflet map in `container` once it comes near the screen: Leaflet's code is
 * loaded then, so a page whose map stays below the fold never downloads it, and the map's empty box
 * (styled as a placeholder) holds its place meanwhile. Its small stylesheet comes with the component,
 * so pages without a map load neither.
 */
export function useLeafletMap(
  container: RefObject<HTMLElement | null>,
  { center, zoom, tiles }: { center: [number, number]; zoom: number; tiles: MapTiles | null },
): LeafletMapState | null {
  const [state, setState] = useState<LeafletMapState | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later prop changes are applied by the caller
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let map: Leaflet.Map | undefined;
    let cancelled = false;
    const create = async () => {
      observer.disconnect();
      const L = await import("leaflet");
      if (cancelled) return;
      // Leaflet's attribution control writes HTML: the tiles' attribution is <MapAttribution> instead.
      map = L.map(element, {
        center,
        zoom,
        scrollWheelZoom: false,
        attributionControl: false,
        zoomControl: false,
      });
      L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
      if (tiles) L.tileLayer(tiles.url, { maxZoom: 18 }).addTo(map);
      setState({ L, map });
    };
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void create();
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
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

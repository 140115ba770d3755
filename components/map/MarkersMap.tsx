"use client";

import { useEffect, useRef } from "react";
import type { MapTiles } from "@/lib/config/map-tiles";
import { MapAttribution } from "./MapAttribution";
import { plainText, useLeafletMap } from "./useLeafletMap";

export interface MapMarker {
  lat: number;
  lon: number;
  /** Plain text shown in the tooltip. */
  label: string;
  href?: string;
  color?: string;
}

/** A map of circle markers (stations, strikes…) with tooltips and optional links. */
export function MarkersMap({
  center,
  zoom = 9,
  tiles,
  markers,
  height = "24rem",
  label,
}: {
  center: [number, number];
  zoom?: number;
  tiles: MapTiles | null;
  markers: MapMarker[];
  height?: string;
  /** Accessible name of the map region. */
  label: string;
}) {
  const container = useRef<HTMLElement>(null);
  const leaflet = useLeafletMap(container, { center, zoom, tiles });

  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const layer = L.layerGroup(
      markers.map((marker) => {
        const circle = L.circleMarker([marker.lat, marker.lon], {
          radius: 7,
          color: marker.color ?? "#0b63b6",
          fillOpacity: 0.8,
        }).bindTooltip(plainText(marker.label));
        if (marker.href) circle.on("click", () => window.location.assign(marker.href!));
        return circle;
      }),
    ).addTo(map);
    return () => {
      layer.remove();
    };
  }, [leaflet, markers]);

  return (
    <>
      <section ref={container} aria-label={label} className="map" style={{ height }} />
      <MapAttribution tiles={tiles} />
    </>
  );
}

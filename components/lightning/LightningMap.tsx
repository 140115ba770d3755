"use client";

import type * as Leaflet from "leaflet";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { MapAttribution } from "@/components/map/MapAttribution";
import { plainText, useLeafletMap } from "@/components/map/useLeafletMap";
import type { MapTiles } from "@/lib/config/map-tiles";
import { AGE_CLASSES, ageClass } from "@/lib/lightning/display";
import type { MapData } from "@/lib/lightning/queries";
import { formatParis } from "@/lib/time";
import styles from "./lightning.module.css";

export interface MapStation {
  name: string;
  latitude: number;
  longitude: number;
  href: string;
}

/** The animation plays the last hour of strikes in this many seconds. */
const ANIMATION_SECONDS = 12;
const FRAME_MS = 100;
const REFRESH_MS = 60_000;

function strikeStyle(ageSeconds: number): Leaflet.CircleMarkerOptions {
  return {
    radius: 4,
    weight: 1,
    color: "#1f1f1f",
    fillColor: AGE_CLASSES[ageClass(ageSeconds)].color,
    fillOpacity: 0.9,
    interactive: false,
  };
}

/**
 * Strikes on a Leaflet map, coloured by age (drawn on a canvas: thousands of points stay fluid), the
 * stations, a legend, an animation of the last hour, and a refresh of the data every minute.
 */
export function LightningMap({
  data,
  stations,
  tiles,
  center,
  zoom = 8,
  label,
}: {
  data: MapData;
  stations: MapStation[];
  tiles: MapTiles | null;
  center: [number, number];
  zoom?: number;
  label: string;
}) {
  const container = useRef<HTMLElement>(null);
  const leaflet = useLeafletMap(container, { center, zoom, tiles });
  const router = useRouter();
  /** Seconds before data.nowMs shown by the animation; null when not animating. */
  const [clock, setClock] = useState<number | null>(null);
  const [drawn, setDrawn] = useState(0);
  const animating = clock !== null;
  // Ages in seconds, for the colours and the animation.
  const lastHour = data.strikes.filter(([ago]) => ago <= 3600_000);

  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const layer = L.layerGroup(
      stations.map((station) =>
        L.circleMarker([station.latitude, station.longitude], {
          radius: 6,
          color: "#0b63b6",
          weight: 2,
          fillColor: "#ffffff",
          fillOpacity: 1,
        })
          .bindTooltip(plainText(station.name))
          .on("click", () => window.location.assign(station.href)),
      ),
    ).addTo(map);
    return () => {
      layer.remove();
    };
  }, [leaflet, stations]);

  // The period's strikes, oldest first so that the newest are drawn on top.
  useEffect(() => {
    if (!leaflet || animating) return;
    const { L, map } = leaflet;
    const renderer = L.canvas({ padding: 0.3 });
    const layer = L.layerGroup();
    for (let i = data.strikes.length - 1; i >= 0; i--) {
      const [ago, latitude, longitude] = data.strikes[i];
      L.circleMarker([latitude, longitude], { ...strikeStyle(ago / 1000), renderer }).addTo(layer);
    }
    layer.addTo(map);
    setDrawn(data.strikes.length);
    return () => {
      layer.remove();
    };
  }, [leaflet, data, animating]);

  // The animation: the last hour replayed, each strike appearing at its time and ageing. It starts when
  // `animating` turns true and reads the data of that moment (the clock changes on every frame).
  // biome-ignore lint/correctness/useExhaustiveDependencies: restarts only when started again
  useEffect(() => {
    if (!leaflet || !animating) return;
    const { L, map } = leaflet;
    const renderer = L.canvas({ padding: 0.3 });
    const layer = L.layerGroup().addTo(map);
    const pending = [...lastHour].reverse(); // oldest first
    const shown: { marker: Leaflet.CircleMarker; age: number; cls: number }[] = [];
    const step = 3600 / ((ANIMATION_SECONDS * 1000) / FRAME_MS);
    let at = 3600;
    let next = 0;
    let ending: number | undefined;
    const timer = window.setInterval(() => {
      at = Math.max(0, at - step);
      while (next < pending.length && pending[next][0] / 1000 >= at) {
        const [ago, latitude, longitude] = pending[next++];
        const age = ago / 1000;
        const marker = L.circleMarker([latitude, longitude], { ...strikeStyle(age - at), renderer }).addTo(
          layer,
        );
        shown.push({ marker, age, cls: ageClass(age - at) });
      }
      for (const item of shown) {
        const cls = ageClass(item.age - at);
        if (cls !== item.cls) {
          item.cls = cls;
          item.marker.setStyle({ fillColor: AGE_CLASSES[cls].color });
        }
      }
      setDrawn(shown.length);
      setClock(at);
      if (at === 0) {
        window.clearInterval(timer);
        ending = window.setTimeout(() => setClock(null), 1500);
      }
    }, FRAME_MS);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(ending);
      layer.remove();
    };
  }, [leaflet, animating]);

  // Fresh strikes every minute (the server caches them for a minute), paused while animating or hidden.
  const animatingRef = useRef(animating);
  animatingRef.current = animating;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (!document.hidden && !animatingRef.current) router.refresh();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [router]);

  return (
    <div className={styles.mapBlock}>
      <section
        ref={container}
        aria-label={label}
        className="map"
        data-strikes={drawn}
        data-animating={animating}
      />
      <MapAttribution tiles={tiles} />
      <div className={styles.controls}>
        <button
          type="button"
          onClick={() => setClock(animating ? null : 3600)}
          disabled={!animating && lastHour.length === 0}
        >
          {animating ? "Arrêter l'animation" : "Animer la dernière heure"}
        </button>
        <output aria-live="polite" className={styles.clock} data-clock>
          {animating && clock !== null
            ? `${formatParis((data.nowMs - clock * 1000) / 1000, { timeStyle: "short" })} — ${drawn} impact${drawn > 1 ? "s" : ""}`
            : `${drawn} impact${drawn > 1 ? "s" : ""} sur la carte`}
        </output>
      </div>
      <ul className={styles.legend} aria-label="Âge des impacts">
        {AGE_CLASSES.map((c) => (
          <li key={c.label}>
            <span className={styles.swatch} style={{ background: c.color }} aria-hidden="true" />
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

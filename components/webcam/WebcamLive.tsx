"use client";

import { useEffect, useState } from "react";
import { formatDuration, formatParis } from "@/lib/time";

interface Latest {
  takenAt: number;
  width: number;
  height: number;
}

/**
 * The latest image of a webcam, refreshed in place (every minute at most) with its time and age: the
 * server-rendered page is cached, the image keeps coming.
 */
export function WebcamLive({
  base,
  name,
  initial,
  intervalMinutes,
}: {
  /** /webcam/images/<key> */
  base: string;
  name: string;
  initial: Latest;
  intervalMinutes: number;
}) {
  const [latest, setLatest] = useState(initial);
  // The age is only shown once mounted: the cached server render would show a stale one.
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Math.floor(Date.now() / 1000));
    const period = Math.max(60, intervalMinutes * 60) * 1000;
    const timer = setInterval(async () => {
      setNow(Math.floor(Date.now() / 1000));
      const response = await fetch(`${base}/latest.json`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) setLatest((await response.json()) as Latest);
    }, period);
    return () => clearInterval(timer);
  }, [base, intervalMinutes]);

  const age = now === null ? null : Math.max(0, now - latest.takenAt);
  const silent = age !== null && age > Math.max(3 * intervalMinutes * 60, 30 * 60);
  return (
    <figure className="webcam">
      <a href={`${base}/latest-large.jpg?v=${latest.takenAt}`}>
        <img
          src={`${base}/latest-large.jpg?v=${latest.takenAt}`}
          width={latest.width}
          height={latest.height}
          alt={`Vue actuelle de la webcam ${name}`}
        />
      </a>
      <figcaption>
        <span data-field="webcam-time" data-time={latest.takenAt}>
          Image du {formatParis(latest.takenAt, { dateStyle: "long", timeStyle: "short" })}
        </span>{" "}
        {age !== null && <span className="muted">(il y a {formatDuration(age)})</span>}
        {silent && (
          <strong className="webcam-silent"> — la webcam n'envoie plus d'images pour le moment.</strong>
        )}
      </figcaption>
    </figure>
  );
}

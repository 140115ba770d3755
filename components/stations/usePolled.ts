"use client";

import { useEffect, useState } from "react";

/**
 * Live values of the station home and the apex home: shown as the server rendered them, then asked of
 * the open-data API once a minute (it answers from a one-minute cache), with a clock ticking every 15 s so
 * that the ages shown keep counting. A page older than a minute (from a cache) asks at once.
 */

const REFRESH_MS = 60_000;
const TICK_MS = 15_000;

/**
 * `[value, now]`: the latest value (each answer of `url` replaces it, or `merge` folds the answer into the
 * value shown) and the current time in unix seconds: the server's rendering time first, so that both
 * sides render the same text, the browser's from the first effect on. `merge` must be stable (defined
 * outside the component).
 */
export function usePolled<T>(url: string, initial: T, renderedAt: number): [T, number];
export function usePolled<T, Answer>(
  url: string,
  initial: T,
  renderedAt: number,
  merge: (shown: T, answer: Answer) => T,
): [T, number];
export function usePolled<T, Answer>(
  url: string,
  initial: T,
  renderedAt: number,
  merge?: (shown: T, answer: Answer) => T,
): [T, number] {
  const [value, setValue] = useState(initial);
  const [now, setNow] = useState(renderedAt);

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      try {
        const response = await fetch(url);
        if (!response.ok || stopped) return;
        const answer = await response.json();
        if (!stopped) setValue((shown) => (merge ? merge(shown, answer as Answer) : (answer as T)));
      } catch {
        // offline browser or server restarting: keep the values shown, try again next minute
      }
    };
    const tick = () => setNow(Math.floor(Date.now() / 1000));
    tick();
    if (Date.now() / 1000 - renderedAt > REFRESH_MS / 1000) refresh();
    const refreshing = setInterval(refresh, REFRESH_MS);
    const ticking = setInterval(tick, TICK_MS);
    return () => {
      stopped = true;
      clearInterval(refreshing);
      clearInterval(ticking);
    };
  }, [url, renderedAt, merge]);

  return [value, now];
}

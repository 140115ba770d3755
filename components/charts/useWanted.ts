"use client";

import { type RefObject, useEffect, useState } from "react";

/** How far below the screen a chart starts loading, so it is drawn by the time it is scrolled to. */
const AHEAD = "200px";

/**
 * Whether the element has come within `AHEAD` of the screen or been touched (pointer or keyboard focus),
 * once true for good: what a chart waits for before it imports chart.js.
 */
export function useWanted(element: RefObject<HTMLElement | null>): boolean {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (wanted || !target) return;
    const want = () => setWanted(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && want(), {
      rootMargin: AHEAD,
    });
    observer.observe(target);
    target.addEventListener("pointerdown", want);
    target.addEventListener("focusin", want);
    return () => {
      observer.disconnect();
      target.removeEventListener("pointerdown", want);
      target.removeEventListener("focusin", want);
    };
  }, [element, wanted]);
  return wanted;
}

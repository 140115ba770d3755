"use client";

import { createContext, useContext } from "react";
import { at, fullDate, type WrittenTimes } from "./values";

/**
 * The Paris times of the live conditions (station home, network on the apex home), as text. The server
 * sends those it wrote for the values it rendered (`writtenTimes`), and the browser reuses them while it
 * hydrates and until new values come: the first Paris date formatter a page makes (Intl) costs a phone
 * some 150 ms of main thread, the largest part of the station home's start-up. Newer times are
 * formatted by Intl, the page running.
 */

const TimesContext = createContext<WrittenTimes>({ clocks: {}, dates: {} });

export const WrittenTimesProvider = TimesContext.Provider;

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** `clock(e)`: "14:35" of an extreme or a record (its `at`, ISO), "" for none. */
export function useClock(): (e: { at: string } | null) => string {
  const { clocks } = useContext(TimesContext);
  return (e) => (e ? (clocks[e.at] ?? at(seconds(e.at))) : "");
}

/** `date(iso)`: "dimanche 6 décembre 2026 à 14:35". */
export function useFullDate(): (iso: string) => string {
  const { dates } = useContext(TimesContext);
  return (iso) => dates[iso] ?? fullDate(seconds(iso));
}

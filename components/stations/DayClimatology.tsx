/**
 * Slot of the day page for the day's climatology: Tn, Tx and RR as Météo-France computes them, with the
 * station's rank badges (top 30). The climatology issue fills this component; the day page already
 * renders it in place, so that change touches this file only.
 */
export function DayClimatology(_props: { stationId: number; day: string }) {
  return null;
}

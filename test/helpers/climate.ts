import type { ClimateDay } from "@/lib/climate/daily";
import { CLIMATE_COLUMNS } from "@/lib/climate/store";

/** A hand-made final day, fully covered, with every value null (and no hourly counts) but `values`. */
export function climateDay(date: string, values: Partial<ClimateDay> = {}): ClimateDay {
  const nulls = Object.fromEntries(CLIMATE_COLUMNS.map((column) => [column, null]));
  return {
    ...(nulls as unknown as ClimateDay),
    date,
    partial: false,
    tnCoverage: 1,
    txCoverage: 1,
    rrCoverage: 1,
    dayCoverage: 1,
    t24Count: 0,
    t8Count: 0,
    ...values,
  };
}

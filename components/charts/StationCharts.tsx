import type { QualityFlag } from "@/lib/qc/store";
import { CHART_COLUMNS, type ChartKind, chartData } from "@/lib/series/chart-data";
import type { SeriesRow } from "@/lib/series/compute";
import type { DayMarks } from "@/lib/series/marks";
import type { Step } from "@/lib/series/steps";
import { StationChartsView } from "./StationChartsView";

/**
 * The charts of a station's series (charts page, day page, home). Rendered on the server, it sends the
 * browser only the columns the charts draw, once each (lib/series/chart-data): 36 hours of 5-minute
 * records as row objects, with a copy of the times per chart, made most of the day page's weight.
 */

export interface StationChartsProps {
  rows: SeriesRow[];
  step: Step;
  /** Which charts, in order (the solar ones only when the data has values). */
  charts?: ChartKind[];
  /** Night periods to shade. */
  shade?: [number, number][];
  /** Tn / Tx / RR labels. */
  marks?: DayMarks[];
  /** Prefix of the download file names. */
  fileName: string;
  /** Since when the running rain total counts, e.g. "depuis 06 h UTC" (after "Cumul"). */
  rainTotalLabel?: string;
  height?: number;
  /** Values the quality control flagged: drawn as points of their own, with the check's figures. */
  flags?: readonly QualityFlag[];
}

const ALL: ChartKind[] = ["temperature", "pressure", "wind", "rain", "uv", "radiation", "et"];

export function StationCharts({
  rows,
  step,
  charts = ALL,
  rainTotalLabel = "sur la période",
  flags = [],
  ...rest
}: StationChartsProps) {
  const data = chartData(
    rows,
    step,
    charts.flatMap((kind) => CHART_COLUMNS[kind]),
  );
  return (
    <StationChartsView
      data={data}
      aggregated={step !== "raw"}
      charts={charts}
      rainTotalLabel={rainTotalLabel}
      flags={flags}
      {...rest}
    />
  );
}

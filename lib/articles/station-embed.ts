import { ArchiveError, archives } from "../archive/reader";
import type { CurrentConditions } from "../conditions/current";
import { loadCurrentConditions } from "../conditions/load";
import { config } from "../config";
import { stationUrl } from "../hosts";
import { findStation } from "../stations";
import { type Sparkline, sparkline } from "./chart";
import { CHART_FIELDS, type Embed } from "./embeds";

/**
 * The live data of a station block inside an article (components/articles/StationEmbed.tsx draws it):
 * the station's current conditions, or the last 24 hours of one field as a small chart.
 */

interface EmbedStation {
  slug: string;
  name: string;
  /** The station's mini-site. */
  href: string;
}

export type StationEmbedData =
  | { kind: "unknown-station"; slug: string }
  | { kind: "unavailable"; station: EmbedStation }
  | { kind: "station-current"; station: EmbedStation; conditions: CurrentConditions | null }
  | {
      kind: "station-chart";
      station: EmbedStation;
      field: Embed["field"];
      label: string;
      unit: string;
      chart: Sparkline | null;
    };

export const SPARKLINE_WIDTH = 640;
export const SPARKLINE_HEIGHT = 160;

export async function loadStationEmbed(
  embed: Embed,
  now = Math.floor(Date.now() / 1000),
): Promise<StationEmbedData> {
  const found = await findStation(embed.station);
  if (!found) return { kind: "unknown-station", slug: embed.station };
  const station = { slug: found.slug, name: found.name, href: stationUrl(found.slug, config().siteUrl) };
  if (embed.kind === "station-current") {
    const { conditions, unavailable } = await loadCurrentConditions(found);
    return unavailable ? { kind: "unavailable", station } : { kind: "station-current", station, conditions };
  }
  try {
    const rows = await archives().range(found.archiveDatabase, now - 86400, now, [embed.field]);
    return {
      kind: "station-chart",
      station,
      field: embed.field,
      ...CHART_FIELDS[embed.field],
      chart: sparkline(
        rows.map((r) => ({ t: r.dateTime, v: r[embed.field] })),
        SPARKLINE_WIDTH,
        SPARKLINE_HEIGHT,
      ),
    };
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    return { kind: "unavailable", station };
  }
}

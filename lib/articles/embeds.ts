/** Station blocks that articles can embed (pure constants, shared with the editor in the browser). */

export const EMBED_KINDS = ["station-chart", "station-current"] as const;
export type EmbedKind = (typeof EMBED_KINDS)[number];

export const CHART_FIELDS = {
  outTemp: { label: "Température", unit: "°C" },
  outHumidity: { label: "Humidité", unit: "%" },
  barometer: { label: "Pression", unit: "hPa" },
  windSpeed: { label: "Vent moyen", unit: "km/h" },
  windGust: { label: "Rafales", unit: "km/h" },
  rainRate: { label: "Intensité de pluie", unit: "mm/h" },
} as const;
export type ChartField = keyof typeof CHART_FIELDS;

export interface Embed {
  kind: EmbedKind;
  station: string;
  field: ChartField;
}

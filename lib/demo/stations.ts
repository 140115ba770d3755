import { METRIC, METRICWX, US } from "../archive/units";
import type { WeatherProfile } from "./weather";

/** The demo network: three stations around Nice, one per climate and one per WeeWX unit system. */
export interface DemoStation {
  slug: string;
  name: string;
  shortName: string;
  commune: string;
  zone: "COAST" | "MIDLAND" | "HIGHLAND";
  archiveDatabase: string;
  description: string;
  model: string;
  profile: WeatherProfile;
}

const FOREVER = Number.MAX_SAFE_INTEGER;
// La Colmiane's console logged every 10 minutes until this date (mid-day), then every 5.
const COLMIANE_NEW_CONSOLE = Date.UTC(2025, 5, 1, 12, 0) / 1000;

export const DEMO_STATIONS: readonly DemoStation[] = [
  {
    slug: "villefranche",
    name: "Villefranche-sur-Mer – Darse",
    shortName: "Villefranche",
    commune: "Villefranche-sur-Mer",
    zone: "COAST",
    archiveDatabase: "weewx_villefranche",
    description: "Station de bord de mer, sur le toit de la capitainerie de la Darse.",
    model: "Davis Vantage Pro2 Plus",
    profile: {
      seed: 1101,
      latitude: 43.7003,
      longitude: 7.3117,
      altitude: 8,
      climate: "coastal",
      usUnits: METRIC,
      intervals: [{ until: FOREVER, minutes: 5 }],
      solar: true,
      console: true,
    },
  },
  {
    slug: "nice-pessicart",
    name: "Nice – Pessicart",
    shortName: "Pessicart",
    commune: "Nice",
    zone: "COAST",
    archiveDatabase: "weewx_pessicart",
    description: "Station des collines niçoises, dans un jardin orienté sud.",
    model: "Davis Vantage Vue",
    profile: {
      seed: 2202,
      latitude: 43.7262,
      longitude: 7.2438,
      altitude: 230,
      climate: "hill",
      usUnits: US,
      intervals: [{ until: FOREVER, minutes: 5 }],
      solar: false,
      console: true,
    },
  },
  {
    slug: "la-colmiane",
    name: "Valdeblore – La Colmiane",
    shortName: "La Colmiane",
    commune: "Valdeblore",
    zone: "HIGHLAND",
    archiveDatabase: "weewx_colmiane",
    description: "Station de montagne au col Saint-Martin, à 1500 m d'altitude.",
    model: "Ecowitt WS90",
    profile: {
      seed: 3303,
      latitude: 44.0866,
      longitude: 7.2578,
      altitude: 1500,
      climate: "mountain",
      usUnits: METRICWX,
      intervals: [
        { until: COLMIANE_NEW_CONSOLE, minutes: 10 },
        { until: FOREVER, minutes: 5 },
      ],
      solar: true,
      console: false,
    },
  },
];

/** Demo accounts, one per role; the passwords are printed by `npm run demo` and only meant for local use. */
export const DEMO_USERS = [
  { email: "admin@meteo06.test", name: "Alice Admin", role: "ADMIN", password: "demo-admin-06" },
  { email: "editeur@meteo06.test", name: "Étienne Éditeur", role: "EDITOR", password: "demo-editeur-06" },
  { email: "auteur@meteo06.test", name: "Aurore Autrice", role: "AUTHOR", password: "demo-auteur-06" },
  // A station owner: an author who manages La Colmiane.
  {
    email: "colmiane@meteo06.test",
    name: "Paul Propriétaire",
    role: "AUTHOR",
    password: "demo-station-06",
    stations: ["la-colmiane"],
  },
] as const;

import { describe, expect, it } from "vitest";
import { alertMail, alertStatus, parseAlertRadius } from "@/lib/lightning/alerts";
import { demoStrikes } from "@/lib/lightning/demo";
import { derive } from "@/lib/lightning/derive";
import {
  ageClass,
  formatAgo,
  formatDistance,
  monthlyTotals,
  nearestStation,
  strikePlace,
} from "@/lib/lightning/display";
import { feedRequestUrl, insideBox, parseFeedLine } from "@/lib/lightning/feed";
import { bearingDegrees, boxAround, distanceKm, inAlpesMaritimes } from "@/lib/lightning/geo";
import { lightningEnabled, parseLightningSettings } from "@/lib/lightning/settings";

const p = (latitude: number, longitude: number) => ({ latitude, longitude });
const NBSP = "\u202f";

describe("haversine distance", () => {
  it.each([
    // 0.1° along a meridian: R·Δφ = 6371 × 0.1 × π / 180 = 11.11949 km
    [p(43.8, 7.2), p(43.9, 7.2), 11.11949],
    // 1° along the equator: 6371 × π / 180 = 111.19493 km
    [p(0, 0), p(0, 1), 111.19493],
    // 0.1° east at 43.8° N: 2R·asin(cos 43.8° · sin 0.05°) = 12742 × asin(0.7217602 × 0.000872665) = 8.02568 km
    [p(43.8, 7.2), p(43.8, 7.3), 8.02568],
    // antipodes: π·R = 20015.087 km
    [p(43.7, 7.25), p(-43.7, -172.75), 20015.087],
    [p(43.7, 7.25), p(43.7, 7.25), 0],
  ])("from %j to %j is %f km", (from, to, km) => {
    expect(distanceKm(from, to)).toBeCloseTo(km, 3);
    expect(distanceKm(to, from)).toBeCloseTo(km, 3);
  });
});

describe("initial bearing", () => {
  it.each([
    [p(43.8, 7.2), p(43.9, 7.2), 0],
    [p(0, 0), p(0, 1), 90],
    [p(43.8, 7.2), p(43.3, 7.2), 180],
    [p(0, 0), p(0, -1), 270],
    // at 45° N, 1° east: atan2(sin 1° cos 45°, cos 45° sin 45° (1 − cos 1°)) = atan2(0.0123407, 0.0000761524)
    [p(45, 0), p(45, 1), 89.64645],
    // 43.8 N 7.2 E → 44 N 7 E: atan2(−0.00251096, 0.00349368) = −35.7054° → 324.2946°
    [p(43.8, 7.2), p(44, 7), 324.2946],
  ])("from %j to %j is %f°", (from, to, degrees) => {
    expect(bearingDegrees(from, to)).toBeCloseTo(degrees, 3);
  });

  it("is in [0, 360)", () => {
    expect(bearingDegrees(p(43.8, 7.2), p(43.9, 7.1999999))).toBeLessThan(360);
    expect(bearingDegrees(p(43.8, 7.2), p(43.8, 7.2))).toBe(0);
  });
});

describe("box around a point", () => {
  it("contains every point at the radius, in every direction", () => {
    const centre = p(44.0866, 7.2578);
    const box = boxAround(centre, 100);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      // Walk 99.9 km towards `bearing` (small steps along the initial bearing are enough here).
      const rad = (bearing * Math.PI) / 180;
      const dLat = (99.9 / 6371) * Math.cos(rad) * (180 / Math.PI);
      const dLon =
        ((99.9 / 6371) * Math.sin(rad) * (180 / Math.PI)) /
        Math.cos(((centre.latitude + dLat) * Math.PI) / 180);
      const point = p(centre.latitude + dLat, centre.longitude + dLon);
      if (distanceKm(centre, point) > 100) continue;
      expect(insideBox(point, box), `bearing ${bearing}`).toBe(true);
    }
  });
});

describe("the département's outline", () => {
  it.each([
    ["Nice", 43.7034, 7.2663],
    ["Cannes", 43.5513, 7.0128],
    ["Grasse", 43.6589, 6.9231],
    ["Menton", 43.7747, 7.4975],
    ["Tende", 44.0875, 7.5942],
    ["Isola", 44.1869, 7.0522],
    ["Saint-Étienne-de-Tinée", 44.2567, 6.9242],
    ["Puget-Théniers", 43.9553, 6.8939],
    ["Valdeblore", 44.0866, 7.2578],
  ])("contains %s", (_name, latitude, longitude) => {
    expect(inAlpesMaritimes(p(latitude, longitude))).toBe(true);
  });

  it.each([
    ["Fréjus (Var)", 43.433, 6.737],
    ["Entrevaux (Alpes-de-Haute-Provence)", 43.9497, 6.8106],
    ["Castellane", 43.8469, 6.5131],
    ["Barcelonnette", 44.387, 6.652],
    ["Vintimille (Italie)", 43.7903, 7.6083],
    ["Sanremo", 43.8159, 7.7761],
    ["Coni", 44.3845, 7.5427],
    ["la mer au large de Nice", 43.5, 7.3],
    ["la Corse", 42.5, 9.0],
  ])("leaves out %s", (_name, latitude, longitude) => {
    expect(inAlpesMaritimes(p(latitude, longitude))).toBe(false);
  });
});

describe("feed lines", () => {
  it("reads a strike, keeping the nanoseconds' milliseconds exactly", () => {
    expect(
      parseFeedLine(
        '{"time":1784041299123999999,"lat":44.0,"lon":7.0,"alt":1200,"pol":1,"mds":15000,"status":2}',
      ),
    ).toEqual({
      strike: {
        timeMs: 1784041299123,
        latitude: 44,
        longitude: 7,
        altitude: 1200,
        polarity: 1,
        maxDeviation: 15000,
        status: 2,
      },
    });
    // A float would have rounded to …124 ms: 1784041299123999999 is not representable.
    expect(Math.floor(Number("1784041299123999999") / 1e6)).toBe(1784041299124);
  });

  it("accepts missing or odd optional fields", () => {
    expect(
      parseFeedLine('  {"lat":43.7,"lon":7.25,"time":1784041200000000000,"pol":"x","mds":1e12}  '),
    ).toEqual({
      strike: {
        timeMs: 1784041200000,
        latitude: 43.7,
        longitude: 7.25,
        altitude: null,
        polarity: null,
        maxDeviation: null,
        status: null,
      },
    });
  });

  it.each([
    ['{"time":1784041280000000000,"lat":43.7', "not valid JSON"],
    ["<html>502</html>", "not valid JSON"],
    ["[1,2,3]", "not a JSON object"],
    ["42", "not a JSON object"],
    ['{"lat":43.7,"lon":7.25}', "time is missing or not a whole number of nanoseconds"],
    [
      '{"time":"1784041280000000000","lat":43.7,"lon":7.25}',
      "time is missing or not a whole number of nanoseconds",
    ],
    ['{"time":1.78404128e18,"lat":43.7,"lon":7.25}', "time is missing or not a whole number of nanoseconds"],
    ['{"time":1784041280000000000,"lon":7.25}', "lat is missing or not a latitude"],
    ['{"time":1784041280000000000,"lat":91,"lon":7.25}', "lat is missing or not a latitude"],
    ['{"time":1784041280000000000,"lat":43.7,"lon":"7.25"}', "lon is missing or not a longitude"],
  ])("calls %s malformed (%s)", (line, problem) => {
    expect(parseFeedLine(line)).toEqual({ problem });
  });

  it("skips blank lines", () => {
    expect(parseFeedLine("")).toBeNull();
    expect(parseFeedLine("  \r")).toBeNull();
  });

  it("asks for the area and the start time in nanoseconds, keeping the URL's own parameters", () => {
    const url = feedRequestUrl(
      new URL("https://data.example.org/Data/Protected/last_strikes.php?region=1"),
      { west: 5, south: 42.5, east: 10, north: 45.5 },
      1784041200123,
    );
    expect(url.toString()).toBe(
      "https://data.example.org/Data/Protected/last_strikes.php?region=1&time=1784041200123000000&west=5&east=10&north=45.5&south=42.5&sig=0",
    );
  });
});

describe("lightning settings", () => {
  it("has defaults for everything but the account", () => {
    const settings = parseLightningSettings({ BLITZORTUNG_USERNAME: "asso", BLITZORTUNG_PASSWORD: "pw" });
    expect(settings).toMatchObject({
      credentials: { username: "asso", password: "pw" },
      bbox: { west: 5, south: 42.5, east: 10, north: 45.5 },
      historyDays: 731,
      demo: false,
    });
    expect(settings.feedUrl.toString()).toBe("https://data.blitzortung.org/Data/Protected/last_strikes.php");
    expect(parseLightningSettings({}).credentials).toBeNull();
  });

  it("names every problem at once", () => {
    expect(() =>
      parseLightningSettings({
        BLITZORTUNG_USERNAME: "asso",
        LIGHTNING_BBOX: "a,b,c,d",
        LIGHTNING_KEEP_DAYS: "0",
      }),
    ).toThrow(
      /BLITZORTUNG_PASSWORD is missing[\s\S]*LIGHTNING_BBOX must be four numbers[\s\S]*LIGHTNING_KEEP_DAYS must be a whole number/,
    );
    expect(() => parseLightningSettings({ LIGHTNING_BBOX: "5,42.5,10,95" })).toThrow(/out of range/);
  });

  it("shows the feature with an account or in the demo only", () => {
    expect(lightningEnabled({})).toBe(false);
    expect(lightningEnabled({ BLITZORTUNG_USERNAME: "asso" })).toBe(false);
    expect(lightningEnabled({ BLITZORTUNG_USERNAME: "asso", BLITZORTUNG_PASSWORD: " " })).toBe(false);
    expect(lightningEnabled({ BLITZORTUNG_USERNAME: "asso", BLITZORTUNG_PASSWORD: "pw" })).toBe(true);
    expect(lightningEnabled({ LIGHTNING_DEMO: "1" })).toBe(true);
    expect(lightningEnabled({ LIGHTNING_DEMO: "0" })).toBe(false);
    // A malformed setting never breaks a page.
    expect(lightningEnabled({ LIGHTNING_DEMO: "1", LIGHTNING_BBOX: "nonsense" })).toBe(true);
  });
});

describe("derived rows", () => {
  const stations = [
    { stationId: 1, ...p(43.8, 7.2) },
    { stationId: 2, ...p(45.5, 9.2) }, // Milan: far from everything here
  ];
  const strikes = [
    { id: 10, timeMs: Date.UTC(2026, 6, 14, 21, 59), ...p(43.8, 7.3) }, // 8.03 km E
    { id: 11, timeMs: Date.UTC(2026, 6, 14, 22, 1), ...p(43.9, 7.2) }, // 11.12 km N, next Paris day
    { id: 12, timeMs: Date.UTC(2026, 6, 14, 22, 2), ...p(43.8, 5.9) }, // 104 km W: too far
  ];

  it("keeps stations within 100 km, with distance in metres and bearing in degrees", () => {
    const { distances } = derive(strikes, stations, { withDays: false });
    expect(distances).toEqual([
      { stationId: 1, timeMs: strikes[0].timeMs, strikeId: 10, distance: 8026, bearing: 90 },
      { stationId: 1, timeMs: strikes[1].timeMs, strikeId: 11, distance: 11119, bearing: 0 },
    ]);
  });

  it("counts per Paris day, cumulatively by radius, and for the département", () => {
    const { stationDays, days } = derive(strikes, stations, { withDays: true });
    expect(stationDays).toEqual([
      { stationId: 1, day: "2026-07-14", within10km: 1, within30km: 1, within100km: 1 },
      { stationId: 1, day: "2026-07-15", within10km: 0, within30km: 1, within100km: 1 },
    ]);
    expect(days).toEqual([
      { day: "2026-07-14", strikes: 1, departement: 1 },
      { day: "2026-07-15", strikes: 2, departement: 1 },
    ]);
    expect(derive(strikes, stations, { withDays: false }).days).toEqual([]);
  });
});

describe("display", () => {
  it("classes strikes by age", () => {
    expect([0, 599, 600, 1799, 1800, 3599, 3600, 10_799, 10_800, 86_399, 90_000].map(ageClass)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4,
    ]);
  });

  it("says where a strike is, seen from a station", () => {
    expect(formatDistance(849)).toBe(`850${NBSP}m`);
    expect(formatDistance(3449)).toBe(`3,4${NBSP}km`);
    expect(formatDistance(12_400)).toBe(`12${NBSP}km`);
    expect(strikePlace(12_400, 44)).toBe(`12${NBSP}km NE`);
    expect(strikePlace(8026, 90)).toBe(`8,0${NBSP}km E`);
    expect(strikePlace(55_597, 200)).toBe(`56${NBSP}km SSO`);
    expect(formatAgo(30)).toBe("à l'instant");
    expect(formatAgo(185)).toBe("il y a 3 min");
    expect(formatAgo(7500)).toBe("il y a 2 h 05");
  });

  it("finds the nearest station", () => {
    const stations = [
      { name: "Villefranche", ...p(43.7003, 7.3117) },
      { name: "Pessicart", ...p(43.7262, 7.2438) },
      { name: "La Colmiane", ...p(44.0866, 7.2578) },
    ];
    expect(nearestStation(p(43.75, 7.25), stations)?.station.name).toBe("Pessicart");
    expect(nearestStation(p(44.0, 7.3), stations)?.station.name).toBe("La Colmiane");
    expect(nearestStation(p(44.0, 7.3), [])).toBeNull();
  });

  it("sums days into months, including months without strikes, newest first", () => {
    const days = [
      { day: "2025-11-30", n: 4 },
      { day: "2026-01-02", n: 1 },
      { day: "2026-01-20", n: 2 },
    ];
    expect(monthlyTotals(days, ["n"], "2025-11", "2026-02")).toEqual([
      { month: "2026-02", totals: [0] },
      { month: "2026-01", totals: [3] },
      { month: "2025-12", totals: [0] },
      { month: "2025-11", totals: [4] },
    ]);
  });
});

describe("alerts", () => {
  const now = Date.UTC(2026, 6, 14, 13, 0); // 15:00 in Paris
  const strikes = [
    { timeMs: now - 2 * 60_000, distance: 8026, bearing: 90 },
    { timeMs: now - 10 * 60_000, distance: 4200, bearing: 350 },
    { timeMs: now - 20 * 60_000, distance: 15_000, bearing: 200 },
  ];

  it("describes the state for the status page", () => {
    expect(alertStatus(20, strikes)).toBe(
      `3 impacts à moins de 20 km en 30 min ; dernier à 8,0${NBSP}km E à 14:58`,
    );
    expect(alertStatus(20, [])).toBe("Aucun impact à moins de 20 km depuis 30 min");
  });

  it("writes the start and end e-mails in French", () => {
    const start = alertMail({
      stationName: "Nice – Pessicart",
      radiusKm: 20,
      strikes,
      nowMs: now,
      siteUrl: new URL("https://meteo06.fr"),
    });
    expect(start.subject).toBe(`Alerte foudre : impact à 8,0${NBSP}km E de Nice – Pessicart`);
    expect(start.text).toContain(`Dernier impact : 8,0${NBSP}km E, à 14:58 (heure de Paris).`);
    expect(start.text).toContain(`Impact le plus proche : 4,2${NBSP}km N, à 14:50.`);
    expect(start.text).toContain("3 impacts à moins de 20 km au cours des 30 dernières minutes.");
    expect(start.text).toContain("Carte de la foudre : https://meteo06.fr/foudre");
    const end = alertMail({
      stationName: "Nice – Pessicart",
      radiusKm: 20,
      strikes: [],
      nowMs: now,
      siteUrl: new URL("https://meteo06.fr"),
    });
    expect(end.subject).toBe("Fin d'alerte foudre : Nice – Pessicart");
    expect(end.text).toMatch(
      /^Plus aucun impact de foudre à moins de 20 km .* depuis 30 minutes \(contrôle de 15:00/,
    );
  });

  it("accepts a radius of whole kilometres, or none", () => {
    expect(parseAlertRadius("")).toBeNull();
    expect(parseAlertRadius(" 15 ")).toBe(15);
    for (const bad of ["0", "101", "12.5", "-3", "douze"]) {
      expect(parseAlertRadius(bad)).toEqual({ error: expect.stringMatching(/entre 1 et 100/) });
    }
  });
});

describe("demo strikes", () => {
  const now = Date.UTC(2026, 10, 26, 12, 0);
  const week = 7 * 86_400_000;

  it("are a function of time: topping up gives the same strikes as one run", () => {
    const from = now - 2 * 86_400_000;
    const once = demoStrikes(from, now, { liveSinceMs: now - week });
    const split = [
      ...demoStrikes(from, now - 86_400_000, { liveSinceMs: now - week }),
      ...demoStrikes(now - 86_400_000, now, { liveSinceMs: now - week }),
    ];
    expect(split).toEqual(once);
    expect(once.length).toBeGreaterThan(1000);
    expect(
      once.every((s, i) => s.timeMs > from && s.timeMs <= now && (i === 0 || once[i - 1].timeMs <= s.timeMs)),
    ).toBe(true);
  });

  it("always have a storm near Nice in the last hour, and more storms in summer", () => {
    const lastHour = demoStrikes(now - 3600_000, now, { liveSinceMs: now - week });
    expect(lastHour.length).toBeGreaterThan(10);
    expect(lastHour.every((s) => distanceKm(p(43.7, 7.27), s) < 150)).toBe(true);
    const year = demoStrikes(Date.UTC(2024, 0, 1), Date.UTC(2026, 0, 1));
    const month = (s: { timeMs: number }) => new Date(s.timeMs).getUTCMonth();
    const summer = year.filter((s) => month(s) >= 5 && month(s) <= 9).length;
    expect(summer).toBeGreaterThan(2 * (year.length - summer));
  });
});

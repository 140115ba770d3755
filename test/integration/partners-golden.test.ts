import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Feed, findFeed, sealCredentials } from "@/lib/partners/feeds";
import { sendFeed } from "@/lib/partners/send";
import { AT, lastHour, ROWS, T } from "../fixtures/partners/scenario";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type MetricRow, writeArchive } from "../helpers/partners";

/**
 * Golden payloads end to end: the same weather written in each WeeWX unit system (US, METRIC with rain
 * in cm, METRICWX with wind in m/s), read through the archive reader, built by the feeds' dry run, and
 * compared with a file computed by hand (test/fixtures/partners/README.md shows the arithmetic).
 */

/** A station with no rain gauge, no solar sensors and no low/high columns. */
const BASIC_COLUMNS = ["outTemp", "outHumidity", "barometer", "windSpeed", "windGust", "windDir", "dewpoint"];
const basicRows = ROWS.map((row) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => k === "dateTime" || BASIC_COLUMNS.includes(k))),
) as MetricRow[];

const GOLDEN = readFileSync("test/fixtures/partners/StatIC_golden.txt", "utf8");
const ROMMA_1430 =
  "id=9001&pwd=********&date=1768487400&temp_e=8.5&mintemp_e=8.1&maxtemp_e=8.5&hum_e=88&baro=1013.3" +
  "&pluie=0.3&pluiejour=5.1&ipluie=3.0&vent=12.6&rafale=25.9&direction=10&rafale_dir=15&solaire=124" +
  "&dew_point=6.5&windchill=7.1&tempsoil1=4.4&humsoil1=24";

const SYSTEMS = [
  ["US", 1],
  ["METRIC", 16],
  ["METRICWX", 17],
] as const;

let dbs: TestDatabases;
const feeds: Record<string, { static: Feed; romma: Feed }> = {};

async function createFeeds(slug: string, archiveDatabase: string) {
  const station = await dbs.prisma.station.create({
    data: {
      slug,
      name: slug,
      shortName: slug,
      commune: "Nice",
      latitude: 43.7,
      longitude: 7.25,
      altitude: 10,
      archiveDatabase,
    },
  });
  const make = async (partner: "STATIC" | "ROMMA", partnerStationId: string) => {
    const created = await dbs.prisma.partnerFeed.create({
      data: {
        stationId: station.id,
        partner,
        partnerStationId,
        enabled: true,
        endpoint: partner === "ROMMA" ? "http://127.0.0.1:9/donneesdeweewx.php" : "ftp://127.0.0.1:9/",
        credentials: sealCredentials(station.id, partner, { username: "golden", password: "s3cret" }),
        lastRecordTime: partner === "ROMMA" ? T("2026-01-15T14:25:00Z") : null,
      },
    });
    return (await findFeed(created.id))!;
  };
  feeds[slug] = { static: await make("STATIC", "m06_golden"), romma: await make("ROMMA", "9001") };
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.PARTNER_SECRET_KEY = randomBytes(32).toString("base64");
  for (const [name, units] of SYSTEMS) {
    const database = `${dbs.prefix}${name.toLowerCase()}`;
    await writeArchive(dbs.admin, database, units, ROWS, { extraColumns: ["lowOutTemp", "highOutTemp"] });
    await createFeeds(name.toLowerCase(), database);
  }
  await writeArchive(dbs.admin, `${dbs.prefix}basic`, 16, basicRows, { columns: BASIC_COLUMNS });
  await createFeeds("basic", `${dbs.prefix}basic`);
});
afterAll(() => dbs?.drop());

describe.each(SYSTEMS)("golden payloads from a %s archive", (name) => {
  it("StatIC file", async () => {
    const run = await sendFeed(feeds[name.toLowerCase()].static, { at: AT, dryRun: true });
    expect(run.outcome).toBe("preview");
    expect(run.preview).toBe(GOLDEN);
  });

  it("ROMMA request of the newest record", async () => {
    const run = await sendFeed(feeds[name.toLowerCase()].romma, { at: AT, dryRun: true });
    expect(run.preview).toBe(`GET http://127.0.0.1:9/donneesdeweewx.php?${ROMMA_1430}`);
  });

  it("ROMMA catch-up: one request per record, in order, pluiejour counted from Paris midnight", async () => {
    const feed = { ...feeds[name.toLowerCase()].romma, lastRecordTime: T("2026-01-15T13:30:00Z") };
    const run = await sendFeed(feed, { at: AT, dryRun: true });
    const urls = run.preview!.split("\n").map((line) => new URL(line.replace(/^GET /, "")));
    expect(urls.map((u) => Number(u.searchParams.get("date")))).toEqual(lastHour().map((r) => r.dateTime));
    // 13:35: 0.508 (00:00 UTC is 01:00 in Paris) + 0.254 + 0.762 + 2.54 + 0.254 = 4.318
    expect(urls[0].searchParams.get("pluiejour")).toBe("4.3");
    expect(urls[0].searchParams.get("pluie")).toBe("0.3");
    expect(urls[1].searchParams.get("pluiejour")).toBe("4.3");
    expect(urls.at(-1)!.search.slice(1)).toBe(ROMMA_1430);
  });
});

describe("a station without rain gauge, solar sensors or low/high columns", () => {
  it("leaves those StatIC values empty", async () => {
    const run = await sendFeed(feeds.basic.static, { at: AT, dryRun: true });
    const blank = new Set([
      "pluie_intensite",
      "pluie_intensite_maxi_1h",
      "pluie_cumul_1h",
      "pluie_cumul",
      "pluie_cumul_heure_utc",
      "pluie_cumul_annee",
      "pluie_intensite_maxi",
      "pluie_intensite_maxi_heure_utc",
      "radiations_solaires_wlk",
      "uv_wlk",
    ]);
    const expected = GOLDEN.split("\n")
      .map((line) => {
        const key = line.split("=")[0];
        return blank.has(key) ? `${key}=` : line;
      })
      .join("\n");
    expect(run.preview).toBe(expected);
  });

  it("omits those ROMMA parameters", async () => {
    const run = await sendFeed(feeds.basic.romma, { at: AT, dryRun: true });
    expect(run.preview).toBe(
      "GET http://127.0.0.1:9/donneesdeweewx.php?id=9001&pwd=********&date=1768487400&temp_e=8.5&hum_e=88" +
        "&baro=1013.3&vent=12.6&rafale=25.9&direction=10&dew_point=6.5",
    );
  });
});

describe("freshness", () => {
  it("does not offer a StatIC file when the newest record is 20 minutes old or more", async () => {
    const run = await sendFeed(feeds.metric.static, { at: T("2026-01-15T14:50:00Z"), dryRun: true });
    expect(run.preview).toBe("");
    expect(run.message).toMatch(/dernier relevé \(15\/01\/2026 14h30 UTC\) a 20 min/);
    const fresh = await sendFeed(feeds.metric.static, { at: T("2026-01-15T14:49:59Z"), dryRun: true });
    expect(fresh.preview).toBe(GOLDEN);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAlerts, saveStationAlert } from "@/lib/lightning/alerts";
import { importLightning } from "@/lib/lightning/import";
import { parseLightningSettings } from "@/lib/lightning/settings";
import { storeStrikes, syncedStations, syncStations } from "@/lib/lightning/store";
import { type FeedServer, feedLine, startFeedServer } from "../helpers/blitzortung";
import { createTestDatabases, type TestDatabases } from "../helpers/db";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp";

/** Storm alerts: who gets which e-mail, once per change of state, through the real SMTP sink. */

const MINUTE = 60_000;
const T = Date.UTC(2026, 7, 10, 14, 0); // 16:00 in Paris

let dbs: TestDatabases;
let smtp: SmtpSink;
let station: number;
let other: number;
const users: Record<string, number> = {};

async function strike(timeMs: number, latitude: number, longitude: number) {
  await storeStrikes(
    [{ timeMs, latitude, longitude, altitude: 0, polarity: -1, maxDeviation: 1000, status: 0 }],
    await syncedStations(),
  );
}

async function alertState() {
  const station = await dbs.prisma.station.findUniqueOrThrow({ where: { slug: "tourrette" } });
  return dbs.prisma.lightningStation.findUniqueOrThrow({ where: { stationId: station.id } });
}

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  process.env.ROOT_DOMAIN = "meteo06.fr";
  process.env.SITE_URL = "https://meteo06.fr";
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  const create = (slug: string, latitude: number, longitude: number) =>
    dbs.prisma.station.create({
      data: {
        slug,
        name: `Station ${slug}`,
        shortName: slug,
        commune: slug,
        latitude,
        longitude,
        altitude: 0,
        archiveDatabase: `${dbs.prefix}${slug}`,
      },
    });
  station = (await create("tourrette", 43.8, 7.2)).id;
  other = (await create("menton", 43.78, 7.5)).id;
  for (const [key, role] of [
    ["editor", "EDITOR"],
    ["admin", "ADMIN"],
    ["owner", "AUTHOR"],
    ["author", "AUTHOR"],
    ["elsewhere", "EDITOR"],
  ] as const) {
    users[key] = (
      await dbs.prisma.user.create({ data: { email: `${key}@meteo06.test`, name: key, role } })
    ).id;
  }
  await dbs.prisma.stationAccess.create({ data: { userId: users.owner, stationId: station } });
  await syncStations();
  await saveStationAlert(station, 20, { userId: users.editor, subscribed: true });
  await saveStationAlert(station, 20, { userId: users.owner, subscribed: true });
  // An author who does not own the station (subscribed before losing access, say): no e-mail.
  await saveStationAlert(station, 20, { userId: users.author, subscribed: true });
  await saveStationAlert(other, 5, { userId: users.elsewhere, subscribed: true });
});
afterAll(async () => {
  await smtp?.close();
  await dbs?.drop();
});

describe("lightning alerts", () => {
  it("stay quiet for strikes outside the radius or older than 30 minutes", async () => {
    await strike(T - 5 * MINUTE, 43.58, 7.2); // 24.5 km S: outside 20 km
    await strike(T - 45 * MINUTE, 43.8, 7.25); // 4 km, but 45 minutes ago
    expect(await checkAlerts(T)).toEqual({ sent: 0, failures: [] });
    expect(smtp.messages).toHaveLength(0);
    expect(await alertState()).toMatchObject({
      alertActiveSince: null,
      alertMessage: "Aucun impact à moins de 20 km depuis 30 min",
    });
  });

  it("e-mail the subscribed editors and owners once when a strike comes within the radius", async () => {
    await strike(T + 1 * MINUTE, 43.8, 7.3); // 8.03 km E
    expect(await checkAlerts(T + 2 * MINUTE)).toEqual({ sent: 2, failures: [] });
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => (m.to as { text: string }).text).sort()).toEqual([
      "editor@meteo06.test",
      "owner@meteo06.test",
    ]);
    expect(mails[0].subject).toBe("Alerte foudre : impact à 8,0\u202fkm E de Station tourrette");
    expect(mails[0].text).toContain("Dernier impact : 8,0\u202fkm E, à 16:01 (heure de Paris).");
    expect(mails[0].text).toContain("Gérer vos alertes : https://meteo06.fr/admin/foudre");
    // Still stormy a minute later: no new e-mail.
    await strike(T + 3 * MINUTE, 43.85, 7.2);
    expect(await checkAlerts(T + 3 * MINUTE)).toEqual({ sent: 0, failures: [] });
    expect(smtp.messages).toHaveLength(2);
    const state = await alertState();
    expect(state.alertActiveSince).toEqual(new Date(T + 2 * MINUTE)); // the alert began with the first check
    expect(state.alertMessage).toMatch(
      /^2 impacts à moins de 20 km en 30 min ; dernier à 5,6\u202fkm N à 16:03$/,
    );
    // A storm is weather, not the server's health: nothing for the admins' status page.
    expect(await dbs.prisma.check.count({ where: { key: { startsWith: "lightning:" } } })).toBe(0);
  });

  it("e-mail the end of the alert after 30 minutes without a strike", async () => {
    expect(await checkAlerts(T + 20 * MINUTE)).toEqual({ sent: 0, failures: [] });
    expect(await checkAlerts(T + 34 * MINUTE)).toEqual({ sent: 2, failures: [] });
    const mails = await smtp.waitFor(4);
    expect(mails.slice(2).map((m) => m.subject)).toEqual([
      "Fin d'alerte foudre : Station tourrette",
      "Fin d'alerte foudre : Station tourrette",
    ]);
    expect((await alertState()).alertActiveSince).toBeNull();
  });

  it("report undeliverable e-mails without failing", async () => {
    smtp.refuse(true);
    await strike(T + 60 * MINUTE, 43.8, 7.21);
    const outcome = await checkAlerts(T + 61 * MINUTE);
    smtp.refuse(false);
    expect(outcome.sent).toBe(0);
    expect(outcome.failures).toEqual([
      expect.stringMatching(/^editor@meteo06\.test: .*550/),
      expect.stringMatching(/^owner@meteo06\.test: .*550/),
    ]);
    // Without SMTP at all: said once per station.
    await saveStationAlert(station, null, { userId: users.editor, subscribed: true });
    expect((await alertState()).alertActiveSince).toBeNull(); // turning alerts off ends the storm's alert silently
    await saveStationAlert(station, 20, { userId: users.editor, subscribed: true });
    delete process.env.SMTP_URL;
    expect(await checkAlerts(T + 62 * MINUTE)).toEqual({
      sent: 0,
      failures: ["tourrette: SMTP_URL is not set"],
    });
    process.env.SMTP_URL = smtp.url;
  });

  it("are checked by every import, and counted in its report", async () => {
    let feed: FeedServer | undefined;
    try {
      const now = Date.now();
      feed = await startFeedServer(feedLine(now - MINUTE, 43.78, 7.52)); // 1.8 km from Menton
      const settings = parseLightningSettings({
        BLITZORTUNG_USERNAME: feed.username,
        BLITZORTUNG_PASSWORD: feed.password,
        BLITZORTUNG_URL: feed.url,
      });
      const before = smtp.messages.length;
      const summary = await importLightning({ now, settings, log: () => {} });
      // Menton's subscriber is told; Tourrette's alert (from T, long ago) ends.
      expect(summary?.alerts.sent).toBe(3);
      const mails = await smtp.waitFor(before + 3);
      expect(
        mails
          .slice(before)
          .map((m) => `${(m.to as { text: string }).text} ${m.subject}`)
          .sort(),
      ).toEqual([
        "editor@meteo06.test Fin d'alerte foudre : Station tourrette",
        "elsewhere@meteo06.test Alerte foudre : impact à 1,6\u202fkm E de Station menton",
        "owner@meteo06.test Fin d'alerte foudre : Station tourrette",
      ]);
      const run = await dbs.prisma.jobRun.findFirstOrThrow({
        where: { name: "lightning:import" },
        orderBy: { id: "desc" },
      });
      expect(run.message).toMatch(/, 3 alert e-mails$/);
    } finally {
      await feed?.close();
    }
  });
});

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FeedForm, MISSING_KEY_MESSAGE, saveFeed } from "@/lib/partners/config";
import { findFeed, openCredentials } from "@/lib/partners/feeds";
import { createTestDatabases, type TestDatabases } from "../helpers/db";

/** Feed configuration as the admin form saves it: validation, encrypted credentials, the missing key. */

let dbs: TestDatabases;
let stationId: number;
const KEY = randomBytes(32).toString("base64");

const form = (changes: Partial<FeedForm> = {}): FeedForm => ({
  stationId,
  partner: "STATIC",
  enabled: false,
  partnerStationId: "m06_nice",
  username: "",
  password: "",
  clearCredentials: false,
  endpoint: "",
  ...changes,
});

beforeAll(async () => {
  dbs = await createTestDatabases();
  process.env.DATABASE_URL = dbs.appUrl;
  const station = await dbs.prisma.station.create({
    data: {
      slug: "nice",
      name: "Nice",
      shortName: "Nice",
      commune: "Nice",
      latitude: 43.7,
      longitude: 7.26,
      altitude: 20,
      archiveDatabase: `${dbs.prefix}nice`,
    },
  });
  stationId = station.id;
});
beforeEach(async () => {
  process.env.PARTNER_SECRET_KEY = KEY;
  await dbs.prisma.partnerFeed.deleteMany();
});
afterAll(() => dbs?.drop());

describe("saving a feed", () => {
  it("stores the credentials encrypted, keeps them when left blank, clears them on request", async () => {
    const created = await saveFeed(form({ enabled: true, username: "ftp-nice", password: "Très$ecret" }));
    if (!created.ok) throw new Error(created.errors.join());
    const row = await dbs.prisma.partnerFeed.findUniqueOrThrow({ where: { id: created.feed.id } });
    expect(row.credentials).not.toContain("ftp-nice");
    expect(row.credentials).not.toContain("Très");
    expect(openCredentials(row)).toEqual({ username: "ftp-nice", password: "Très$ecret" });

    // Blank password: kept; a new login alone replaces the login only. The edit form posts no station.
    const renamed = await saveFeed(
      form({ stationId: 0, enabled: true, username: "ftp-nice-2" }),
      created.feed.id,
    );
    expect(renamed.ok).toBe(true);
    expect(openCredentials((await findFeed(created.feed.id))!)).toEqual({
      username: "ftp-nice-2",
      password: "Très$ecret",
    });

    const cleared = await saveFeed(form({ clearCredentials: true }), created.feed.id);
    expect(cleared.ok).toBe(true);
    expect((await findFeed(created.feed.id))!.credentials).toBeNull();
  });

  it("asks for the credentials again when the feed is pointed at another address", async () => {
    const created = await saveFeed(
      form({
        enabled: true,
        username: "ftp-nice",
        password: "Très$ecret",
        endpoint: "ftp://ftp.partenaire.test/in",
      }),
    );
    if (!created.ok) throw new Error(created.errors.join());
    // Another server, nothing typed: refused, the stored password is not sent there.
    const moved = await saveFeed(
      form({ stationId: 0, enabled: true, endpoint: "ftp://127.0.0.1:2121/vol" }),
      created.feed.id,
    );
    expect(moved).toEqual({
      ok: false,
      errors: ["L'adresse a changé : saisissez à nouveau les identifiants pour cette adresse."],
    });
    // Only a login typed: the old password is not kept for the new address either.
    const half = await saveFeed(
      form({ stationId: 0, enabled: true, username: "ftp-nice", endpoint: "ftp://127.0.0.1:2121/vol" }),
      created.feed.id,
    );
    expect(half).toEqual({ ok: false, errors: ["Le mot de passe est obligatoire."] });
    const unchanged = (await findFeed(created.feed.id))!;
    expect(unchanged.endpoint).toBe("ftp://ftp.partenaire.test/in");
    expect(openCredentials(unchanged)).toEqual({ username: "ftp-nice", password: "Très$ecret" });

    // Typed again for the new address: saved. The same address, nothing typed: kept as before.
    const retyped = await saveFeed(
      form({
        stationId: 0,
        enabled: true,
        username: "local",
        password: "autre",
        endpoint: "ftp://127.0.0.1:2121/vol",
      }),
      created.feed.id,
    );
    expect(retyped.ok).toBe(true);
    expect(
      (
        await saveFeed(
          form({ stationId: 0, enabled: true, endpoint: "ftp://127.0.0.1:2121/vol" }),
          created.feed.id,
        )
      ).ok,
    ).toBe(true);
    expect(openCredentials((await findFeed(created.feed.id))!)).toEqual({
      username: "local",
      password: "autre",
    });
  });

  it("refuses to store credentials without PARTNER_SECRET_KEY, and says so", async () => {
    process.env.PARTNER_SECRET_KEY = "";
    const result = await saveFeed(form({ username: "ftp-nice", password: "secret" }));
    expect(result).toEqual({ ok: false, errors: [MISSING_KEY_MESSAGE] });
    expect(MISSING_KEY_MESSAGE).toMatch(/PARTNER_SECRET_KEY n'est pas définie/);
    expect(await dbs.prisma.partnerFeed.count()).toBe(0);
    // Everything else can still be saved.
    expect((await saveFeed(form())).ok).toBe(true);
  });

  it.each([
    [{ partnerStationId: "../etc/passwd" }, /L'identifiant StatIC ne peut contenir que/],
    [{ partner: "ROMMA" as const, partnerStationId: "abc" }, /L'identifiant ROMMA est un nombre/],
    [{ endpoint: "http://ftp.example.org/" }, /attendu une adresse comme ftp:\/\//],
    [
      { partner: "ROMMA" as const, partnerStationId: "12", endpoint: "ftp://x/" },
      /attendu une adresse comme https:\/\//,
    ],
    [{ endpoint: "ftp://user:pw@ftp.example.org/" }, /ne doit pas contenir d'identifiants/],
    [{ enabled: true }, /Renseignez les identifiants avant d'activer le flux/],
    [{ password: "secret" }, /nom d'utilisateur FTP est obligatoire/],
    [{ stationId: 999_999 }, /Cette station n'existe pas/],
    [{ stationId: 0 }, /Choisissez une station/],
  ])("refuses %j with a French message and stores nothing", async (changes, message) => {
    const result = await saveFeed(form(changes));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors.join(" ")).toMatch(message);
    expect(await dbs.prisma.partnerFeed.count()).toBe(0);
  });

  it("refuses a second feed to the same partner for a station", async () => {
    expect((await saveFeed(form())).ok).toBe(true);
    const again = await saveFeed(form({ partnerStationId: "autre" }));
    expect(again).toEqual({
      ok: false,
      errors: ["Cette station a déjà un flux vers ce partenaire : modifiez-le."],
    });
  });
});

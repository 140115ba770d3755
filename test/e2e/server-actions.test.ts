import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/lib/demo/stations";
import { type ActionArg, type ActionResponse, actionId, callAction, form } from "../helpers/actions";
import { startTestApp, type TestApp } from "../helpers/app";
import type { TestDatabases } from "../helpers/db";
import { createDemoDatabases } from "../helpers/demo";
import { sessionCookie } from "../helpers/session";

/**
 * Every protected server action checks the role itself: each one is called here directly over HTTP
 * (the `Next-Action` request the Next.js client sends, no UI), as every kind of user. A refusal is a 401
 * (nobody signed in) or a 403 and changes nothing in the database; the allowed roles get their way.
 */

type Who = "anonymous" | "AUTHOR" | "OWNER" | "EDITOR" | "ADMIN";

let dbs: TestDatabases;
let app: TestApp;
const cookies = {} as Record<Who, string | null>;
const demoUser = (who: Exclude<Who, "anonymous">) =>
  DEMO_USERS.find((u) => (who === "OWNER" ? "stations" in u : u.role === who && !("stations" in u)))!;

beforeAll(async () => {
  dbs = await createDemoDatabases();
  // Lightning alerts are only saved when lightning is enabled (here with the demo's strikes).
  app = await startTestApp({ DATABASE_URL: dbs.appUrl, LIGHTNING_DEMO: "1" });
  cookies.anonymous = null;
  for (const who of ["AUTHOR", "OWNER", "EDITOR", "ADMIN"] as const) {
    const { email, password } = demoUser(who);
    cookies[who] = await sessionCookie(app.origin, email, password);
  }
});
afterAll(async () => {
  await app?.stop();
  await dbs?.drop();
});

interface Call {
  page: string;
  file: string;
  name?: string;
  args: ActionArg[];
}

function run(who: Who, { page, file, name, args }: Call): Promise<ActionResponse> {
  return callAction({ origin: app.origin, page, id: actionId(file, name), args, cookie: cookies[who] });
}

/** Each of `who` is refused each call with a 401 or 403, and `snapshot` (the data at stake) stays. */
async function expectRefused(whos: Who[], calls: Call[], snapshot: () => Promise<unknown>) {
  const before = await snapshot();
  for (const who of whos)
    for (const call of calls) {
      const response = await run(who, call);
      expect(response.status, `${call.name ?? call.file} as ${who}`).toBe(who === "anonymous" ? 401 : 403);
    }
  expect(await snapshot()).toEqual(before);
}

/** The action answered normally (its return value is in the RSC payload). */
function expectDone(response: ActionResponse, text?: string) {
  expect(response.status).toBe(200);
  if (text) expect(response.body).toContain(text);
}

/** The state a form holds before its first submission (useActionState). */
const noState = null;

describe("server actions called directly, as each role", () => {
  it("users: admins only", async () => {
    const file = "app/admin/utilisateurs/actions.ts";
    const page = "/admin/utilisateurs";
    const author = await dbs.prisma.user.findUniqueOrThrow({ where: { email: demoUser("AUTHOR").email } });
    const account = { email: author.email, name: author.name, role: "ADMIN" };
    const calls: Call[] = [
      {
        page,
        file,
        name: "createUserAction",
        args: [noState, form({ email: "intrus@meteo06.test", name: "Intrus", role: "ADMIN" })],
      },
      { page, file, name: "updateUserAction", args: [noState, form({ id: String(author.id), ...account })] },
      { page, file, name: "deleteUserAction", args: [noState, form({ id: String(author.id) })] },
      { page, file, name: "inviteUserAction", args: [noState, form({ id: String(author.id) })] },
    ];
    await expectRefused(["anonymous", "AUTHOR", "OWNER", "EDITOR"], calls, async () => ({
      users: await dbs.prisma.user.findMany({ orderBy: { id: "asc" }, include: { stations: true } }),
      tokens: await dbs.prisma.passwordToken.count(),
    }));
    expect(await dbs.prisma.user.count({ where: { email: "intrus@meteo06.test" } })).toBe(0);

    const created = await run("ADMIN", {
      page,
      file,
      name: "createUserAction",
      args: [noState, form({ email: "nouvelle@meteo06.test", name: "Nouvelle Autrice", role: "AUTHOR" })],
    });
    expectDone(created, "Compte créé");
    expect(
      await dbs.prisma.user.findUnique({ where: { email: "nouvelle@meteo06.test" }, select: { role: true } }),
    ).toEqual({ role: "AUTHOR" });
  });

  it("categories: editors and admins", async () => {
    const category = await dbs.prisma.category.create({ data: { slug: "previsions", name: "Prévisions" } });
    const call: Call = {
      page: "/admin/categories",
      file: "app/admin/categories/actions.ts",
      name: "saveCategoryTypesAction",
      args: [form({ [`type-${category.id}`]: "FORECAST" })],
    };
    await expectRefused(["anonymous", "AUTHOR", "OWNER"], [call], () =>
      dbs.prisma.category.findMany({ orderBy: { id: "asc" } }),
    );
    expectDone(await run("EDITOR", call));
    expect((await dbs.prisma.category.findUniqueOrThrow({ where: { id: category.id } })).articleType).toBe(
      "FORECAST",
    );
  });

  it("climatology invalidations: editors and admins, not a station's owner", async () => {
    const file = "app/admin/climatologie/actions.ts";
    const page = "/admin/climatologie";
    const paris = (msAgo: number) =>
      new Date(Date.now() - msAgo)
        .toLocaleString("sv-SE", { timeZone: "Europe/Paris" })
        .slice(0, 16)
        .replace(" ", "T");
    const add: Call = {
      page,
      file,
      name: "addInvalidationAction",
      args: [
        noState,
        form({
          station: "la-colmiane",
          sensor: "TEMPERATURE",
          from: paris(4 * 3600_000),
          to: paris(3 * 3600_000),
          reason: "Abri au soleil",
        }),
      ],
    };
    const invalidations = () => dbs.prisma.sensorInvalidation.findMany({ orderBy: { id: "asc" } });
    await expectRefused(["anonymous", "AUTHOR", "OWNER"], [add], invalidations);
    expect(await invalidations()).toEqual([]);

    expectDone(await run("EDITOR", add), "Invalidation enregistrée");
    const [added] = await invalidations();
    expect(added).toMatchObject({ sensor: "TEMPERATURE", reason: "Abri au soleil" });
    await expectRefused(
      ["anonymous", "AUTHOR", "OWNER"],
      [{ page, file, name: "removeInvalidationAction", args: [form({ id: String(added.id) })] }],
      invalidations,
    );
  });

  it("partner feeds: admins only", async () => {
    const file = "app/admin/partenaires/actions.ts";
    const feed = await dbs.prisma.partnerFeed.findFirstOrThrow({ orderBy: { id: "asc" } });
    const page = `/admin/partenaires/${feed.id}`;
    const id = String(feed.id);
    const calls: Call[] = [
      {
        page,
        file,
        name: "saveFeedAction",
        args: [noState, form({ id, partnerStationId: "autre", endpoint: "", enabled: "on" })],
      },
      { page, file, name: "sendNowAction", args: [noState, form({ id })] },
      { page, file, name: "deleteFeedAction", args: [form({ id })] },
    ];
    const feeds = () => dbs.prisma.partnerFeed.findMany({ orderBy: { id: "asc" } });
    await expectRefused(["anonymous", "AUTHOR", "OWNER", "EDITOR"], calls, async () => ({
      feeds: await feeds(),
      attempts: await dbs.prisma.partnerAttempt.count(),
    }));

    const deleted = await run("ADMIN", calls[2]);
    expect(deleted.redirect).toBe("/admin/partenaires?supprime=1");
    expect(await dbs.prisma.partnerFeed.findUnique({ where: { id: feed.id } })).toBeNull();
  });

  it("lightning alerts: a station's owner, editors and admins — for the stations they manage", async () => {
    const file = "app/admin/foudre/actions.ts";
    const page = "/admin/foudre";
    const station = (slug: string) => dbs.prisma.station.findUniqueOrThrow({ where: { slug } });
    const colmiane = await station("la-colmiane");
    const villefranche = await station("villefranche");
    const save = (stationId: number): Call => ({
      page,
      file,
      name: "saveAlert",
      args: [noState, form({ station: String(stationId), rayon: "15", abonne: "on" })],
    });
    const alerts = async () => ({
      stations: await dbs.prisma.lightningStation.findMany({ orderBy: { stationId: "asc" } }),
      subscriptions: await dbs.prisma.lightningAlertSubscription.findMany({
        orderBy: [{ stationId: "asc" }, { userId: "asc" }],
      }),
    });
    await expectRefused(["anonymous"], [save(colmiane.id)], alerts);
    // Signed in but not managing the station: the form says so, and nothing is saved.
    const before = await alerts();
    for (const [who, stationId] of [
      ["AUTHOR", colmiane.id],
      ["OWNER", villefranche.id],
    ] as const)
      expectDone(await run(who, save(stationId)), "Vous ne gérez pas cette station.");
    expect(await alerts()).toEqual(before);

    expectDone(await run("OWNER", save(colmiane.id)), "Réglages enregistrés.");
    const owner = await dbs.prisma.user.findUniqueOrThrow({ where: { email: demoUser("OWNER").email } });
    expect(
      (await dbs.prisma.lightningStation.findUniqueOrThrow({ where: { stationId: colmiane.id } }))
        .alertRadiusKm,
    ).toBe(15);
    expect(
      await dbs.prisma.lightningAlertSubscription.count({
        where: { stationId: colmiane.id, userId: owner.id },
      }),
    ).toBe(1);
  });

  it("status acknowledgement: admins only", async () => {
    const check = await dbs.prisma.check.create({
      data: { key: "test:disque", state: "CRITICAL", message: "Disque plein" },
    });
    const call: Call = {
      page: "/admin/etat",
      file: "app/admin/etat/actions.ts",
      name: "acknowledge",
      args: [form({ key: check.key })],
    };
    await expectRefused(["anonymous", "AUTHOR", "OWNER", "EDITOR"], [call], () =>
      dbs.prisma.check.findUniqueOrThrow({ where: { id: check.id } }),
    );
    expectDone(await run("ADMIN", call));
    expect(await dbs.prisma.check.findUniqueOrThrow({ where: { id: check.id } })).toMatchObject({
      acknowledgedBy: demoUser("ADMIN").name,
    });
  });

  it("station admin: the station's owners, editors and admins", async () => {
    const file = "app/admin/stations/[slug]/actions.ts";
    const addLink = (slug: string, name: string): Call => ({
      page: `/admin/stations/${slug}`,
      file,
      name: "addPartnerLink",
      args: [slug, noState, form({ name, url: "https://partenaire.example/" })],
    });
    const links = () => dbs.prisma.stationPartnerLink.findMany({ orderBy: { id: "asc" } });
    const stations = () => dbs.prisma.station.findMany({ orderBy: { id: "asc" } });
    const snapshot = async () => ({ links: await links(), stations: await stations() });
    const metadata: Call = {
      page: "/admin/stations/villefranche",
      file,
      name: "saveStationMetadata",
      args: ["villefranche", noState, form({ name: "Station piratée" })],
    };
    await expectRefused(["anonymous", "AUTHOR"], [addLink("la-colmiane", "Intrus"), metadata], snapshot);
    // An owner manages his station only.
    await expectRefused(["OWNER"], [addLink("villefranche", "Intrus"), metadata], snapshot);
    expect((await run("ADMIN", addLink("inconnue", "Intrus"))).status).toBe(404);

    expectDone(await run("OWNER", addLink("la-colmiane", "Club alpin")), "Partenaire « Club alpin » ajouté");
    const [link] = await links();
    expect(link).toMatchObject({ name: "Club alpin", url: "https://partenaire.example/" });
    const remove = (who: Who) =>
      run(who, {
        page: "/admin/stations/la-colmiane",
        file,
        name: "deletePartnerLink",
        args: ["la-colmiane", link.id],
      });
    expect((await remove("AUTHOR")).status).toBe(403);
    expect(await links()).toHaveLength(1);
    expectDone(await remove("EDITOR"));
    expect(await links()).toEqual([]);
  });
});

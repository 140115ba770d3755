import { createHash } from "node:crypto";
import sharp from "sharp";
import { db } from "../db/client";
import { uploadMedia } from "../media/library";
import { mediaUrl } from "../media/urls";
import { dayToDate, localDay } from "../time";
import type { ArticleStatus, ArticleType } from "./model";
import { bodyText, embedPlaceholder } from "./render";

/**
 * Demo content for `npm run demo`: a few articles of each type with images, a vigilance in force and
 * a forecast with its table, dated relative to now. Deterministic (fixed slugs, generated images) and
 * safe to re-run: it updates the same rows.
 */

function sky(seed: number, label: string): string {
  const hue = (seed * 47) % 360;
  const clouds = Array.from({ length: 6 }, (_, i) => {
    const x = (seed * 97 + i * 173) % 1200;
    const y = 120 + ((seed * 31 + i * 59) % 260);
    return `<ellipse cx="${x}" cy="${y}" rx="${140 + i * 12}" ry="${50 + i * 6}" fill="white" opacity="0.8"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,45%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,80%)"/></linearGradient></defs>
<rect width="1200" height="800" fill="url(#g)"/>${clouds}
<rect y="640" width="1200" height="160" fill="hsl(${(hue + 180) % 360},25%,30%)"/>
<text x="40" y="760" font-family="sans-serif" font-size="48" fill="white">${label}</text></svg>`;
}

async function demoImage(seed: number, label: string, alt: string) {
  const png = await sharp(Buffer.from(sky(seed, label)))
    .png()
    .toBuffer();
  const sha256 = createHash("sha256").update(png).digest("hex");
  const existing = await db().media.findUnique({ where: { sha256 } });
  return existing ?? (await uploadMedia(null, png, { originalName: `demo-${seed}.png`, alt })).media;
}

interface DemoArticle {
  slug: string;
  type: ArticleType;
  title: string;
  excerpt: string;
  bodyHtml: string;
  coverId: number | null;
  publishedAt: Date;
  status?: ArticleStatus;
}

async function upsertArticle(article: DemoArticle, authorId: number | null) {
  const data = {
    type: article.type,
    status: article.status ?? "PUBLISHED",
    title: article.title,
    excerpt: article.excerpt,
    bodyHtml: article.bodyHtml,
    bodyText: bodyText(article.bodyHtml),
    coverId: article.coverId,
    publishedAt: article.publishedAt,
    authorId,
  };
  const existing = await db().article.findUnique({ where: { slug: article.slug } });
  const saved = existing
    ? await db().article.update({ where: { id: existing.id }, data })
    : await db().article.create({ data: { ...data, slug: article.slug } });
  if (!existing) {
    await db().articleRevision.create({
      data: {
        articleId: saved.id,
        authorId,
        title: saved.title,
        excerpt: saved.excerpt,
        bodyHtml: saved.bodyHtml,
      },
    });
  }
  const keys = [...article.bodyHtml.matchAll(/\/api\/media\/([a-f0-9]{16})\//g)].map((m) => m[1]);
  const media = await db().media.findMany({ where: { key: { in: keys } }, select: { id: true } });
  await db().articleMedia.deleteMany({ where: { articleId: saved.id } });
  if (media.length)
    await db().articleMedia.createMany({ data: media.map((m) => ({ articleId: saved.id, mediaId: m.id })) });
  return saved;
}

export async function seedDemoArticles(now = new Date(), log: (line: string) => void = () => {}) {
  const editor = await db().user.findUnique({ where: { email: "editeur@meteo06.test" } });
  const author = await db().user.findUnique({ where: { email: "auteur@meteo06.test" } });
  const hours = (h: number) => new Date(now.getTime() + h * 3600_000);
  const [storm, snow, sea] = await Promise.all([
    demoImage(1, "Orage sur la baie des Anges", "Cumulonimbus au-dessus de la baie des Anges"),
    demoImage(2, "Neige à La Colmiane", "Pistes enneigées au col Saint-Martin"),
    demoImage(3, "Mer agitée à Villefranche", "Vagues sur la jetée de la Darse"),
  ]);
  const figure = (m: { key: string; alt: string }, caption: string) =>
    `<figure><img src="${mediaUrl(m.key, 960)}" alt="${m.alt}"><figcaption>${caption}</figcaption></figure>`;

  const forecast = await upsertArticle(
    {
      slug: "demo-previsions-de-la-semaine",
      type: "FORECAST",
      title: "Prévisions : instabilité orageuse puis retour du soleil",
      excerpt: "Des orages l'après-midi sur le haut-pays, un temps plus calme ensuite.",
      bodyHtml:
        "<p>Une goutte froide circule au large des Baléares : l'instabilité gagne le département en milieu de semaine.</p>" +
        "<h2>Sur le littoral</h2><p>Ciel voilé, quelques averses possibles en soirée.</p>" +
        "<h2>En montagne</h2><p>Orages parfois forts l'après-midi au-dessus de 1000 m, accompagnés de grêle.</p>" +
        embedPlaceholder({ kind: "station-current", station: "la-colmiane", field: "outTemp" }),
      coverId: storm.id,
      publishedAt: hours(-2),
    },
    editor?.id ?? null,
  );
  await db().forecastDay.deleteMany({ where: { articleId: forecast.id } });
  const skies = ["PARTLY_CLOUDY", "SHOWERS", "THUNDERSTORM", "SUNNY"] as const;
  const zones = [
    { zone: "COAST", base: 14 },
    { zone: "MIDLAND", base: 10 },
    { zone: "HIGHLAND", base: 2 },
  ] as const;
  await db().forecastDay.createMany({
    data: [0, 1, 2].flatMap((d) =>
      zones.map(({ zone, base }, z) => ({
        articleId: forecast.id,
        day: dayToDate(localDay(hours(24 * d).getTime() / 1000)),
        zone,
        sky: skies[(d + z) % skies.length],
        tMin: base - d,
        tMax: base + 8 - d,
        windSpeed: 10 + 5 * z,
        windDir: ["E", "SE", "NO"][d],
        rainProbability: [20, 60, 80][(d + z) % 3],
      })),
    ),
  });

  const vigilance = await upsertArticle(
    {
      slug: "demo-vigilance-jaune-orages",
      type: "VIGILANCE",
      title: "Vigilance jaune orages sur le moyen et le haut-pays",
      excerpt: "Orages localement forts avec grêle et rafales, cet après-midi et ce soir.",
      bodyHtml:
        "<p>Des orages localement forts sont attendus, avec de la grêle et des rafales à 80 km/h.</p><ul><li>Évitez les activités en montagne l'après-midi.</li><li>Ne vous abritez pas sous un arbre.</li></ul>",
      coverId: null,
      publishedAt: hours(-1),
    },
    editor?.id ?? null,
  );
  const notice = {
    level: "YELLOW" as const,
    phenomena: "orages",
    zones: "MIDLAND,HIGHLAND",
    validFrom: hours(-1),
    validUntil: hours(36),
  };
  await db().vigilanceNotice.upsert({
    where: { articleId: vigilance.id },
    create: { articleId: vigilance.id, ...notice },
    update: notice,
  });

  const lastMonth = new Date(now.getFullYear(), now.getMonth() - 1, 15).toLocaleDateString("fr-FR", {
    month: "long",
    year: "numeric",
  });
  await upsertArticle(
    {
      slug: "demo-recapitulatif-climatique",
      type: "CLIMATE",
      title: `Récapitulatif climatique de ${lastMonth}`,
      excerpt: "Un mois plus chaud que la normale, avec un épisode pluvieux marqué.",
      bodyHtml:
        "<p>Le mois a été <strong>plus chaud que la normale</strong> de 1,4 °C sur le littoral.</p>" +
        "<table><thead><tr><th>Station</th><th>Pluie</th><th>Écart</th></tr></thead><tbody>" +
        "<tr><td>Villefranche</td><td>64 mm</td><td>+1,2 °C</td></tr><tr><td>La Colmiane</td><td>112 mm</td><td>+1,8 °C</td></tr></tbody></table>" +
        embedPlaceholder({ kind: "station-chart", station: "villefranche", field: "outTemp" }) +
        figure(sea, "La Darse un jour de mistral"),
      coverId: sea.id,
      publishedAt: hours(-24 * 5),
    },
    author?.id ?? editor?.id ?? null,
  );
  await upsertArticle(
    {
      slug: "demo-premiere-neige-colmiane",
      type: "NEWS",
      title: "Premières neiges à La Colmiane",
      excerpt: "Notre station de montagne a relevé ses premiers centimètres.",
      bodyHtml: `<p>Les premiers flocons sont tombés cette nuit au col Saint-Martin.</p>${figure(snow, "Le col au petit matin")}<blockquote><p>« Dix centimètres au lever du jour. »</p></blockquote>`,
      coverId: snow.id,
      publishedAt: hours(-24 * 2),
    },
    author?.id ?? null,
  );
  await upsertArticle(
    {
      slug: "demo-assemblee-generale",
      type: "NEWS",
      title: "Assemblée générale de l'association",
      excerpt: "Rendez-vous le mois prochain à Nice.",
      bodyHtml:
        "<p>L'assemblée générale se tiendra à la Maison des associations de Nice. Ordre du jour : réseau de stations, nouveau site, sorties.</p>",
      coverId: null,
      publishedAt: hours(-24 * 9),
    },
    editor?.id ?? null,
  );
  await upsertArticle(
    {
      slug: "demo-brouillon-bilan-automne",
      type: "CLIMATE",
      title: "Bilan de l'automne (brouillon)",
      excerpt: "",
      bodyHtml: "<p>À compléter avec les cumuls de novembre.</p>",
      coverId: null,
      publishedAt: hours(0),
      status: "DRAFT",
    },
    author?.id ?? null,
  );
  log("demo articles: forecast, vigilance, climate summary, news, draft");
}

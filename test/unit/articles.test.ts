import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { delayAfter, MAX_DELAY_SECONDS } from "@/lib/accounts/throttle";
import type { ValidationError } from "@/lib/actions/validation";
import { sparkline } from "@/lib/articles/chart";
import { parseParisInput, toParisInput } from "@/lib/articles/dates";
import { compareRevisions } from "@/lib/articles/diff";
import { embedFrame, recogniseEmbed } from "@/lib/articles/external";
import { atomFeed, rssFeed } from "@/lib/articles/feeds";
import { parseArticleInput, resolvePublication } from "@/lib/articles/input";
import { isLegacyPath, normalizeLegacyPath } from "@/lib/articles/legacy";
import { effectiveStatus, isPublic, SKY_ICONS, slugify, ZONES } from "@/lib/articles/model";
import { allowedStatuses, allowedTypes, canEditArticle } from "@/lib/articles/permissions";
import { fulltextQuery, noticesInForce, visibilityEpoch } from "@/lib/articles/queries";
import { cleanArticleHtml, mediaKeysIn, renderBody } from "@/lib/articles/render";
import { autop, convertContent, uploadPath } from "@/lib/articles/wordpress/content";
import { replaceShortcodes } from "@/lib/articles/wordpress/shortcodes";
import { parseWxr, WxrError } from "@/lib/articles/wordpress/wxr";
import { widthsFor } from "@/lib/media/pipeline";
import { forecastCell } from "../helpers/articles";

const author = { id: 7, role: "AUTHOR" as const };
const editor = { id: 8, role: "EDITOR" as const };

describe("articles: vocabulary and rules", () => {
  it("makes French slugs", () => {
    expect(slugify("Épisode méditerranéen à Nice : 120 mm !")).toBe("episode-mediterraneen-a-nice-120-mm");
    expect(slugify("L'œil du cyclone")).toBe("l-oeil-du-cyclone");
    expect(slugify("¡¿")).toBe("article");
  });

  it("shows scheduled articles once their time has come", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const scheduled = { status: "SCHEDULED" as const, publishedAt: new Date("2026-11-26T10:00:30Z") };
    expect(isPublic(scheduled, now)).toBe(false);
    expect(isPublic(scheduled, new Date("2026-11-26T10:00:30Z"))).toBe(true);
    expect(effectiveStatus(scheduled, new Date("2026-11-26T11:00:00Z"))).toBe("PUBLISHED");
    expect(isPublic({ status: "DRAFT", publishedAt: new Date(0) }, now)).toBe(false);
    expect(visibilityEpoch([100, 200, 300], 250)).toBe(200);
    expect(visibilityEpoch([100], 50)).toBe(0);
  });

  it("gives each role its rights", () => {
    expect(allowedStatuses(author)).toEqual(["DRAFT", "PENDING"]);
    expect(allowedStatuses(editor)).toContain("PUBLISHED");
    expect(allowedTypes(author)).not.toContain("VIGILANCE");
    const own = { authorId: 7, status: "DRAFT" as const, type: "NEWS" as const };
    expect(canEditArticle(author, own)).toBe(true);
    expect(canEditArticle(author, { ...own, status: "PUBLISHED" })).toBe(false);
    expect(canEditArticle(author, { ...own, authorId: 8 })).toBe(false);
    expect(canEditArticle(editor, { ...own, authorId: 1, status: "PUBLISHED" })).toBe(true);
  });

  it("schedules when the publication date is in the future", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const future = new Date("2026-11-27T08:00:00Z");
    expect(resolvePublication("PUBLISHED", future, null, now)).toEqual({
      status: "SCHEDULED",
      publishedAt: future,
    });
    expect(resolvePublication("PUBLISHED", null, null, now)).toEqual({
      status: "PUBLISHED",
      publishedAt: now,
    });
    expect(() => resolvePublication("SCHEDULED", null, null, now)).toThrow(/date et l'heure/);
  });

  it("validates editor input with French messages, Paris times included", () => {
    expect(() => parseArticleInput({ type: "NEWS", title: "" })).toThrow(/titre est obligatoire/);
    expect(() => parseArticleInput({ type: "VIGILANCE", title: "x" })).toThrow(/niveau/);
    expect(() =>
      parseArticleInput({
        type: "VIGILANCE",
        title: "x",
        vigilance: {
          level: "YELLOW",
          phenomena: ["tsunami"],
          zones: ["COAST"],
          validFrom: "2026-01-01T10:00",
          validUntil: "2026-01-01T12:00",
        },
      }),
    ).toThrow(/phénomène inconnu/);
    // Each refusal names its field, for the editor to show the message beside it (and a route answers 422).
    const refused = (() => {
      try {
        parseArticleInput({
          type: "FORECAST",
          title: "",
          forecast: [forecastCell(ZONES[0], SKY_ICONS[0], 20), forecastCell(ZONES[0], SKY_ICONS[0], 99)],
        });
      } catch (error) {
        return error as ValidationError;
      }
    })();
    expect(refused?.status).toBe(422);
    expect(refused?.fieldErrors).toEqual({
      title: "Le titre est obligatoire",
      "forecast.1.tMax": "Température maximale : un nombre entier entre -40 et 50",
    });
    const input = parseArticleInput({ type: "NEWS", title: "x", publishedAt: "2026-07-14T10:00" });
    expect(input.publishedAt?.toISOString()).toBe("2026-07-14T08:00:00.000Z"); // CEST
    expect(parseParisInput("2026-01-14T10:00")?.toISOString()).toBe("2026-01-14T09:00:00.000Z"); // CET
    expect(toParisInput(new Date("2026-07-14T08:00:00Z"))).toBe("2026-07-14T10:00");
  });

  it("builds boolean full-text queries from words of 3 letters or more", () => {
    expect(fulltextQuery("orages à Nice")).toBe("+orages* +Nice*");
    expect(fulltextQuery("a b")).toBeNull();
    expect(fulltextQuery('+"x" -y* grêle')).toBe("+grêle*");
  });

  it("keeps the notices in force at a given time", () => {
    const n = { validFrom: "2026-01-01T10:00:00Z", validUntil: "2026-01-01T12:00:00Z" };
    expect(noticesInForce([n], Date.parse("2026-01-01T11:00:00Z"))).toHaveLength(1);
    expect(noticesInForce([n], Date.parse("2026-01-01T12:00:00Z"))).toHaveLength(0);
    expect(noticesInForce([n], Date.parse("2026-01-01T09:59:59Z"))).toHaveLength(0);
  });

  it("throttles with increasing delays, capped (never a permanent lockout)", () => {
    expect(delayAfter(1)).toBe(0);
    expect(delayAfter(5)).toBe(2);
    expect(delayAfter(6)).toBe(4);
    expect(delayAfter(139)).toBe(MAX_DELAY_SECONDS);
    expect(delayAfter(10_000)).toBe(MAX_DELAY_SECONDS);
  });
});

// A real XSS payload list (OWASP filter evasion cheat sheet classics).
const XSS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<svg onload="alert(1)"><script>alert(2)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload="alert(1)">',
  '<div style="width: expression(alert(1))">x</div>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<details open ontoggle="alert(1)">',
  '<div data-embed="station-chart" data-station="x" onclick="alert(1)"></div>',
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '<a href="vbscript:msgbox(1)">x</a>',
  "<style>@import 'javascript:alert(1)';</style>",
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
];

function assertHarmless(html: string) {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<style|<link|<meta|<form|<svg|<math/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:|data:text|expression\(/i);
  expect(html).not.toMatch(/\sstyle=/i);
}

const emptyContext = {
  siteUrl: "http://www.meteo06.fr",
  mediaByUpload: new Map(),
  fileByUpload: new Map(),
  mediaByAttachment: new Map(),
  fileByAttachment: new Map(),
  attachedTo: () => [],
  resolvePath: () => null,
  pluginShortcodes: [],
};

describe("HTML sanitising (editor and import)", () => {
  it.each(XSS)("neutralises %s", (payload) => {
    assertHarmless(cleanArticleHtml(`<p>avant</p>${payload}<p>après</p>`));
    assertHarmless(convertContent(payload, { ...emptyContext, siteUrl: "https://meteo06.fr" }).html);
  });

  it("keeps formatting, tables, figures and well-formed embeds", () => {
    const html =
      '<h2>T</h2><p><strong>g</strong> <em>i</em> <a href="https://x.fr">l</a></p><table><tbody><tr><td>1</td></tr></tbody></table>' +
      '<figure><img src="/api/media/0123456789abcdef/960.jpg" alt="A"><figcaption>C</figcaption></figure>' +
      '<div data-embed="station-chart" data-station="villefranche" data-field="outTemp">label</div>' +
      '<div data-embed="evil" data-station="x"></div>';
    const clean = cleanArticleHtml(html);
    expect(clean).toContain("<h2>T</h2>");
    expect(clean).toContain("<table>");
    expect(clean).toContain("<figcaption>C</figcaption>");
    expect(clean).toContain(
      '<div data-embed="station-chart" data-station="villefranche" data-field="outTemp"></div>',
    );
    expect(clean).not.toContain("evil");
    expect(mediaKeysIn(clean)).toEqual(["0123456789abcdef"]);
    const media = {
      key: "0123456789abcdef",
      alt: "A",
      width: 1200,
      height: 800,
      widths: "480,960,1200",
      blurDataUrl: "data:image/webp;base64,AA",
    };
    const segments = renderBody(clean, new Map([[media.key, media]]));
    expect(segments.map((s) => ("embed" in s ? s.embed.kind : "html"))).toEqual(["html", "station-chart"]);
    const first = segments[0] as { html: string };
    expect(first.html).toContain(
      '<source type="image/avif" srcset="/api/media/0123456789abcdef/480.avif 480w',
    );
    expect(first.html).toContain('src="/api/media/0123456789abcdef/960.jpg"');
  });
});

describe("WordPress content conversion", () => {
  it("rebuilds paragraphs of classic-editor posts", () => {
    expect(autop("Un\ndeux\n\nTrois\n\n<h3>T</h3>")).toBe("<p>Un<br>\ndeux</p>\n<p>Trois</p>\n<h3>T</h3>");
  });

  it("recognises WordPress upload URLs and their resized copies", () => {
    expect(uploadPath("http://www.meteo06.fr/wp-content/uploads/2019/07/orage-nice-300x200.jpg")).toEqual({
      path: "2019/07/orage-nice.jpg",
      width: 300,
    });
    expect(uploadPath("https://meteo06.fr/wp-content/uploads/2023/10/a-scaled.jpg")?.path).toBe(
      "2023/10/a.jpg",
    );
    expect(uploadPath("https://meteo06.fr/2019/07/x/")).toBeNull();
  });

  it("turns [caption] and [gallery] into figures and rewrites links", () => {
    const media = {
      key: "aaaaaaaaaaaaaaaa",
      alt: "Orage",
      width: 1200,
      height: 800,
      widths: "480,960,1200",
      blurDataUrl: "",
    };
    const { html } = convertContent(
      'Texte\n\n[caption id="attachment_1" width="300"]<img src="http://www.meteo06.fr/wp-content/uploads/2019/07/o-300x200.jpg" alt="Orage" /> La légende[/caption]\n\n[gallery ids="1,2"]\n\n<a href="http://www.meteo06.fr/?p=5">lien</a> [unknown foo="bar"]reste[/unknown]',
      {
        ...emptyContext,
        mediaByUpload: new Map([["2019/07/o.jpg", media]]),
        mediaByAttachment: new Map([[1, media]]),
        resolvePath: (p) => (p === "/?p=5" ? "/articles/cinq" : null),
      },
    );
    expect(html).toContain(
      '<figure><img src="/api/media/aaaaaaaaaaaaaaaa/480.jpg" alt="Orage" /><figcaption>La légende</figcaption></figure>',
    );
    expect(html).toContain(
      '<div class="gallery columns-3"><figure><a href="/api/media/aaaaaaaaaaaaaaaa/1200.jpg"><img src="/api/media/aaaaaaaaaaaaaaaa/480.jpg"',
    );
    expect(html).toContain('<a href="/articles/cinq">lien</a>');
    // Not a shortcode WordPress or a configured plugin registers: text.
    expect(html).toContain('[unknown foo="bar"]reste[/unknown]');
  });

  it("recognises videos and posts of the known providers only, by id", () => {
    expect(recogniseEmbed("https://youtu.be/dQw4w9WgXcQ?t=3")).toEqual({
      provider: "youtube",
      ref: "dQw4w9WgXcQ",
    });
    expect(recogniseEmbed("https://www.youtube.com/shorts/dQw4w9WgXcQ")?.ref).toBe("dQw4w9WgXcQ");
    expect(recogniseEmbed("https://player.vimeo.com/video/76979871")).toEqual({
      provider: "vimeo",
      ref: "76979871",
    });
    expect(recogniseEmbed("https://www.dailymotion.com/video/x8abcd1_orage")?.ref).toBe("x8abcd1");
    expect(recogniseEmbed("https://x.com/meteo06/status/123")).toEqual({
      provider: "twitter",
      ref: "meteo06/123",
    });
    expect(recogniseEmbed("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ")).toBeNull();
    expect(recogniseEmbed("javascript:alert(1)//youtu.be/dQw4w9WgXcQ")).toBeNull();
    expect(embedFrame({ provider: "youtube", ref: "dQw4w9WgXcQ" })).toBe(
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
    );
  });

  it("keeps only well-formed external embeds, players of the media library and the site's own ids", () => {
    const clean = cleanArticleHtml(
      '<div data-embed="external" data-provider="youtube" data-ref="x&quot; onload=&quot;alert(1)"></div>' +
        '<div data-embed="external" data-provider="vimeo" data-ref="123" data-title="&lt;b&gt;T&lt;/b&gt;"></div>' +
        '<video controls src="https://evil.example/v.mp4"></video><audio controls src="/api/media/0123456789abcdef/file.mp3"></audio>' +
        '<p id="__next">x</p><p id="page-2" class="page-break">Page 2</p><details open><summary>S</summary>D</details>',
    );
    expect(clean).not.toContain("youtube");
    expect(clean).toContain(
      '<div data-embed="external" data-provider="vimeo" data-ref="123" data-title="&lt;b&gt;T&lt;/b&gt;"></div>',
    );
    expect(clean).toContain("<video controls></video>");
    expect(clean).toContain('<audio controls src="/api/media/0123456789abcdef/file.mp3"></audio>');
    expect(clean).toContain("<p>x</p>");
    expect(clean).toContain('<p id="page-2" class="page-break">');
    expect(clean).toContain("<details open><summary>S</summary>D</details>");
    const segments = renderBody(clean, new Map());
    expect(segments[0]).toEqual({ external: { provider: "vimeo", ref: "123", title: "<b>T</b>" } });
  });

  it("parses shortcodes as WordPress does", () => {
    const seen: string[] = [];
    const out = replaceShortcodes(
      '[video src="a.mp4" /] [[video]] [audio mp3=b.mp3]x[/audio] [videos]',
      ["video", "audio"],
      (c) => {
        seen.push(`${c.name}:${JSON.stringify(c.attributes)}:${c.content}`);
        return "#";
      },
    );
    expect(out).toBe("# [video] # [videos]");
    expect(seen).toEqual(['video:{"src":"a.mp4"}:null', 'audio:{"mp3":"b.mp3"}:x']);
  });
});

describe("WXR parser", () => {
  const fixture = (name: string) => readFileSync(`test/fixtures/wordpress/${name}`, "utf8");

  it("reads every WordPress version's export", () => {
    const wp4 = parseWxr(fixture("wordpress-4.9-classic.xml"));
    expect(wp4.version).toBe("1.2");
    expect(wp4.authors.map((a) => a.displayName)).toEqual(["Jean-Marc Cazé", "Sophie Roux"]);
    expect(wp4.categories.find((c) => c.id === 4)?.name).toBe("Vie de l'association");
    const post = wp4.items.find((i) => i.id === 101)!;
    expect(post.title).toBe("Orages sur le littoral – bilan du 12 juillet");
    expect(post.content).toContain("[caption");
    expect(post.meta._thumbnail_id).toBe("201");
    expect(wp4.items.find((i) => i.id === 103)?.slug).toBe("episode-mediterraneen-été");
    expect(wp4.items.find((i) => i.id === 104)?.date).toBe("2019-07-20T16:45:00.000Z"); // draft: local Paris date
    expect(parseWxr(fixture("wordpress-3.9-wxr-1.1.xml")).version).toBe("1.1");
    const wp6 = parseWxr(fixture("wordpress-6.4-blocks.xml"));
    expect(wp6.items.find((i) => i.id === 401)?.title).toBe("Octobre 2023 : tempête Aline & sécheresse 🌧️");
    expect(wp6.categories.find((c) => c.id === 12)?.name).toBe("Actualités & sorties");
  });

  it("stops on malformed or truncated files with the line and the reason", () => {
    expect(() => parseWxr(fixture("malformed-export.xml"))).toThrow(
      new WxrError(110, "balise fermante inattendue."),
    );
    const truncated = (() => {
      try {
        parseWxr(fixture("truncated-export.xml"));
      } catch (error) {
        return error as WxrError;
      }
    })();
    expect(truncated).toBeInstanceOf(WxrError);
    expect(truncated?.message).toMatch(/^ligne 135 : .*fichier tronqué/);
    expect(() => parseWxr("<rss><channel><title>x</title></channel></rss>")).toThrow(/wp:wxr_version absent/);
    expect(() => parseWxr("")).toThrow(/ligne 1/);
  });
});

describe("old addresses", () => {
  it("recognises WordPress permalinks on the apex", () => {
    for (const [path, search] of [
      ["/", "?p=123"],
      ["/2020/09/slug/", ""],
      ["/category/previsions/", ""],
      ["/feed/", ""],
      ["/wp-content/uploads/2019/07/a.jpg", ""],
      ["/qui-sommes-nous/", ""],
    ])
      expect(isLegacyPath(path, search), path + search).toBe(true);
    for (const path of ["/", "/articles/x", "/previsions", "/api/media/x/"])
      expect(isLegacyPath(path, "")).toBe(false);
    expect(normalizeLegacyPath("/2019/07/episode-mediterraneen-%C3%A9t%C3%A9/")).toBe(
      "/2019/07/episode-mediterraneen-été",
    );
    expect(normalizeLegacyPath("/?p=12&utm_source=x")).toBe("/?p=12");
  });
});

describe("small pure helpers", () => {
  it("draws a sparkline with gaps and its range", () => {
    const line = sparkline(
      [
        { t: 0, v: 10 },
        { t: 1, v: null },
        { t: 2, v: 20 },
        { t: 3, v: 15 },
      ],
      100,
      50,
      0,
    )!;
    expect(line).toMatchObject({ min: 10, max: 20 });
    expect(line.path).toBe("M0.0 50.0 M66.7 0.0 L100.0 25.0");
    expect(sparkline([{ t: 0, v: 1 }], 10, 10)).toBeNull();
  });

  it("compares revisions word by word", () => {
    const parts = compareRevisions(
      { title: "Orages", excerpt: "", bodyHtml: "<p>Pluie forte</p>" },
      { title: "Orages", excerpt: "", bodyHtml: "<p>Pluie modérée</p>" },
    );
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["forte"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["modérée"]);
  });

  it("generates responsive widths never larger than the original", () => {
    expect(widthsFor(4000)).toEqual([480, 720, 960, 1600]);
    expect(widthsFor(1200)).toEqual([480, 720, 960, 1200]);
    expect(widthsFor(300)).toEqual([300]);
  });

  it("writes RSS and Atom with escaped text and CDATA-safe content", () => {
    const info = {
      title: "M & co",
      description: "d",
      siteUrl: "https://m.fr/",
      selfUrl: "https://m.fr/flux/rss.xml",
    };
    const item = {
      title: "A < B",
      url: "https://m.fr/articles/a",
      summary: "s",
      html: "<p>x]]>y</p>",
      author: "Zoé",
      published: "2026-01-01T10:00:00.000Z",
      updated: "2026-01-02T10:00:00.000Z",
      category: "Actualité",
    };
    const rss = rssFeed(info, [item]);
    expect(rss).toContain("<title>M &amp; co</title>");
    expect(rss).toContain("<title>A &lt; B</title>");
    expect(rss).toContain("<pubDate>Thu, 01 Jan 2026 10:00:00 GMT</pubDate>");
    expect(rss).toContain("<![CDATA[<p>x]]]]><![CDATA[>y</p>]]>");
    const atom = atomFeed(info, [item]);
    expect(atom).toContain("<updated>2026-01-02T10:00:00.000Z</updated>");
    expect(atom).toContain('<content type="html">&lt;p&gt;x]]&gt;y&lt;/p&gt;</content>');
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ForbiddenError } from "@/lib/errors";
import { csvLine, toCsv } from "@/lib/format/csv";
import { ApiError, apiRoute, parseQuery } from "@/lib/http/api";
import { htmlToText, sanitizeUserHtml } from "@/lib/security/html";

describe("HTML allow-list", () => {
  it.each([
    ["<p>ok<script>alert(1)</script></p>", "<p>ok</p>"],
    ['<img src="x" onerror="alert(1)">', '<img src="x" />'],
    ['<a href="javascript:alert(1)">x</a>', "<a>x</a>"],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"],
    ['<p style="background:url(javascript:alert(1))">x</p>', "<p>x</p>"],
    ['<div style="width: expression(alert(1))">x</div>', "<div>x</div>"],
    ["<svg><script>alert(1)</script></svg>", ""],
    ['<iframe src="https://evil"></iframe>', ""],
    [
      '<a href="https://meteo06.fr" target="_blank">x</a>',
      '<a href="https://meteo06.fr" target="_blank" rel="noopener noreferrer">x</a>',
    ],
  ])("cleans %s", (input, output) => {
    expect(sanitizeUserHtml(input)).toBe(output);
  });
  it("keeps the structure editors use", () => {
    const html =
      '<h2>Titre</h2><p><strong>gras</strong> <em>it</em></p><table><tbody><tr><td colspan="2">a</td></tr></tbody></table><figure><img src="https://x/a.webp" alt="Nuages" /><figcaption>Légende</figcaption></figure>';
    expect(sanitizeUserHtml(html)).toBe(html);
    expect(htmlToText("<p>Il fait <b>beau</b>.</p>\n<p>Demain aussi.</p>")).toBe(
      "Il fait beau. Demain aussi.",
    );
  });
});

describe("CSV", () => {
  it("quotes what needs quoting and neutralises formulas", () => {
    expect(csvLine(["a", 1.5, null, 'say "hi"', "x,y", "=SUM(A1)", "-3.2"])).toBe(
      'a,1.5,,"say ""hi""","x,y",\'=SUM(A1),-3.2\r\n',
    );
    expect(toCsv(["t", "v"], [[1, 2]])).toBe("t,v\r\n1,2\r\n");
  });
});

describe("API routes", () => {
  const handler = apiRoute(async (request: Request) => {
    const { n } = parseQuery(z.object({ n: z.coerce.number().int().max(10) }), request.url);
    if (n === 0) throw new ApiError(404, "Rien ici");
    if (n === 1) throw new ForbiddenError();
    if (n === 2) throw new Error("SELECT * FROM secret failed");
    return Response.json({ n });
  });

  it("answers bad input, known errors and crashes with clean JSON", async () => {
    const call = async (query: string) => {
      const response = await handler(new Request(`http://x/api?${query}`), {});
      return { status: response.status, body: await response.json() };
    };
    expect(await call("n=5")).toEqual({ status: 200, body: { n: 5 } });
    expect((await call("n=abc")).status).toBe(400);
    expect((await call("n=abc")).body.error).toMatch(/^n : /);
    expect(await call("n=0")).toEqual({ status: 404, body: { error: "Rien ici" } });
    expect((await call("n=1")).status).toBe(403);
    const crash = await call("n=2");
    expect(crash).toEqual({ status: 500, body: { error: "Erreur interne du serveur" } });
  });
});

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allowFrameworkScripts, documentPolicy, resourcePolicy, tilesSource } from "@/lib/security/headers";
import { REACT_RUNTIME_DEFINITIONS } from "@/lib/security/react-runtime";

const hash = (text: string) => `sha256-${createHash("sha256").update(text).digest("base64")}`;
const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);

const CONTEXT = {
  siteOrigin: "https://meteo06.fr",
  rootDomain: "meteo06.fr",
  tilesUrl: "https://{s}.tile.example.org/{z}/{x}/{y}.png",
  frameOrigins: ["https://www.youtube-nocookie.com"],
};

const INTEGRITY = { "static/chunks/app.js": "sha256-AAAA", "static/chunks/page.js": "sha256-BBBB" };
const hashesOf = (html: string) => allowFrameworkScripts(html, INTEGRITY).hashes;

describe("allowFrameworkScripts", () => {
  it("allows the build's script files by their integrity and the React payload by its hash", () => {
    const push = 'self.__next_f.push([1,"0:{\\"a\\":\\"\\u003c/script>\\"}\\n"])';
    const chunks =
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"],"runtimeModuleIds":[94553]});';
    const html =
      '<script src="/_next/static/chunks/app.js" integrity="sha256-AAAA" async=""></script>' +
      "<script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
      `<script>${push}</script><script id="_R_">${chunks}</script>`;
    expect(hashesOf(html).sort()).toEqual(
      ["sha256-AAAA", hash("(self.__next_f=self.__next_f||[]).push([0])"), hash(push), hash(chunks)].sort(),
    );
  });

  it("gives a build file listed without integrity its hash from the manifest", () => {
    const { html, hashes } = allowFrameworkScripts(
      '<script src="/_next/static/chunks/page.js" async=""></script>',
      INTEGRITY,
    );
    expect(html).toBe(
      '<script integrity="sha256-BBBB" src="/_next/static/chunks/page.js" async=""></script>',
    );
    expect(hashes).toEqual(["sha256-BBBB"]);
  });

  it.each([
    ["an inline script", "<script>alert(1)</script>"],
    ["code after the payload", '<script>self.__next_f.push([1,"x"]);alert(1)</script>'],
    ["code inside the payload", "<script>self.__next_f.push([alert(1)])</script>"],
    [
      "a chunk list out of the build",
      '<script>(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["../../api/media/x.js"]});</script>',
    ],
    [
      "a script of another origin",
      '<script src="https://evil.example/x.js" integrity="sha256-AAAA"></script>',
    ],
    ["a file not in the build", '<script src="/_next/static/chunks/evil.js"></script>'],
    ["a path out of the build", '<script src="/_next/static/../../api/media/x.js"></script>'],
    ["a wrong integrity", '<script src="/_next/static/chunks/app.js" integrity="sha256-ZZZZ"></script>'],
  ])("gives no hash to %s", (_name, html) => {
    expect(hashesOf(html)).toEqual([]);
  });

  it("allows React's form replay script, word for word", () => {
    const replay =
      'addEventListener("submit",function(a){if(!a.defaultPrevented){var b=a.target,d=a.submitter,c=b.action,e=d;if(d){var f=d.getAttribute("formAction");null!=f&&(c=f,e=null)}"javascript:throw new Error(\'React form unexpectedly submitted.\')"===c&&(a.preventDefault(),a=new FormData(b,e),c=b.ownerDocument||b,(c.$$reactFormReplay=c.$$reactFormReplay||[]).push(b,d,a))}});';
    expect(hashesOf(`<script>${replay}</script>`)).toEqual([hash(replay)]);
    expect(hashesOf(`<script>${replay}alert(1)</script>`)).toEqual([]);
  });

  it("allows React's Suspense completion scripts, with ids and strings as arguments only", () => {
    const [shellTime, boundary] = REACT_RUNTIME_DEFINITIONS;
    for (const script of [
      shellTime,
      `${boundary}$RC("B:1","S:1")`,
      '$RC("B:1","S:1")',
      '$RX("B:0","digest",null)',
    ])
      expect(hashesOf(`<script>${script}</script>`), script).toEqual([hash(script)]);
    for (const script of ['$RC("B:1",alert(1))', `${boundary}alert(1)`, '$RC("B:1","S:1");alert(1)', ""])
      expect(hashesOf(`<script>${script}</script>`), script).toEqual([]);
  });

  it("knows React's runtime word for word, as installed", () => {
    const source = readFileSync(
      "node_modules/next/dist/compiled/react-dom/cjs/react-dom-server.node.production.js",
      "utf8",
    );
    // The server's precomputed chunks, as the strings they evaluate to.
    const chunks = [
      ...source.matchAll(/stringToPrecomputedChunk\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\)/g),
    ].map(([, literal]) => new Function(`return ${literal}`)() as string);
    for (const definition of REACT_RUNTIME_DEFINITIONS) {
      expect(
        chunks.some((chunk) => chunk.startsWith(definition)),
        definition.slice(0, 40),
      ).toBe(true);
    }
  });

  it("hashes the text the browser parsed (CR LF becomes LF)", () => {
    expect(hashesOf('<script>self.__next_f.push([1,"a"])</script>\r\n')).toEqual([
      hash('self.__next_f.push([1,"a"])'),
    ]);
  });
});

describe("policies", () => {
  it("lets pages run only hashed scripts, nothing inline, no plugin, no <base>, not framed", () => {
    const policy = documentPolicy(CONTEXT, ["sha256-AAAA"]);
    expect(directive(policy, "script-src")).toBe("'strict-dynamic' 'report-sample' 'sha256-AAAA'");
    expect(directive(policy, "object-src")).toBe("'none'");
    expect(directive(policy, "base-uri")).toBe("'none'");
    expect(directive(policy, "frame-ancestors")).toBe("'none'");
    expect(directive(policy, "frame-src")).toBe("https://www.youtube-nocookie.com");
    expect(directive(policy, "img-src")).toContain("https://*.tile.example.org");
    expect(directive(policy, "img-src")).toContain("https://*.meteo06.fr");
    expect(documentPolicy(CONTEXT, [])).toContain("script-src 'strict-dynamic' 'report-sample';");
  });

  it("runs nothing in other answers; only the widget may be framed", () => {
    expect(resourcePolicy(false)).toContain("default-src 'none'");
    expect(resourcePolicy(false)).toContain("frame-ancestors 'none'");
    expect(resourcePolicy(true)).toContain("frame-ancestors *");
  });

  it.each([
    ["https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org"],
    ["https://tiles.example.org:8443/{z}/{x}/{y}.png", "https://tiles.example.org:8443"],
    ["https://a.{s}.example.org/{z}.png", null],
    ["", null],
    [null, null],
  ])("takes the tiles' origin from %s", (template, source) => {
    expect(tilesSource(template)).toBe(source);
  });
});

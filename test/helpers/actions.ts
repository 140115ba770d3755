import { readFileSync } from "node:fs";
import { httpRequest } from "./http";

/**
 * Server actions called over HTTP without the UI, the way the Next.js client calls them: a POST to a
 * page that uses the action, with the `Next-Action: <id>` header and the arguments encoded as React's
 * encodeReply does (a multipart body whose field "0" is the JSON list of arguments, a FormData argument
 * written as "$K<n>" with its fields prefixed "_<n>_").
 */

const MANIFEST = ".next/server/server-reference-manifest.json";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/**
 * The id of the action `exportedName` of `file` (e.g. "app/admin/utilisateurs/actions.ts") in the
 * current build. Without a name, the file must hold exactly one action (inline "use server" functions
 * get names made up by the compiler).
 */
export function actionId(file: string, exportedName?: string): string {
  let manifest: { node: Record<string, ManifestEntry> };
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
  } catch {
    throw new Error(`${MANIFEST} is missing: run \`npm run build\` first (npm test does it for you)`);
  }
  const inFile = Object.entries(manifest.node).filter(([, entry]) => entry.filename === file);
  const found = exportedName ? inFile.filter(([, entry]) => entry.exportedName === exportedName) : inFile;
  if (found.length !== 1) {
    const names = inFile.map(([, entry]) => entry.exportedName).join(", ") || "none";
    throw new Error(
      `server action ${exportedName ?? "(the only one)"} of ${file}: ${found.length} found in the build ` +
        `(actions of this file: ${names})`,
    );
  }
  return found[0][0];
}

/** An argument of an action: JSON values, or a form (at most one per call, as forms send). */
export type ActionArg = string | number | boolean | null | { [key: string]: unknown } | FormData;

function escapeStrings(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeStrings(v)]));
  return value;
}

/** The multipart body React's client sends for these arguments. */
export function encodeActionArgs(args: ActionArg[]): FormData {
  const body = new FormData();
  let part = 0;
  const root = args.map((arg) => {
    if (!(arg instanceof FormData)) return escapeStrings(arg);
    part += 1;
    for (const [key, value] of arg) body.append(`_${part}_${key}`, value);
    return `$K${part.toString(16)}`;
  });
  body.set("0", JSON.stringify(root));
  return body;
}

/** A form's fields (repeat a name with an array), files as Blobs. */
export function form(fields: Record<string, string | string[] | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  return data;
}

export interface ActionCall {
  /** The site's origin; a station's (http://<slug>.localhost:<port>) reaches that station's pages. */
  origin: string;
  /** The page that uses the action (its path), e.g. "/admin/utilisateurs". */
  page: string;
  id: string;
  args: ActionArg[];
  cookie: string | null;
  headers?: Record<string, string>;
}

export interface ActionResponse {
  status: number;
  /** The RSC payload (text/x-component): the action's return value is in it, as JSON. */
  body: string;
  /** Where a redirect() in the action sends the browser, if it did. */
  redirect: string | null;
  /** The cookies the answer sets ("name=value; attributes"). */
  setCookies: string[];
}

export async function callAction({
  origin,
  page,
  id,
  args,
  cookie,
  headers = {},
}: ActionCall): Promise<ActionResponse> {
  // The multipart body as a browser would send it (boundary in the Content-Type).
  const encoded = new Request("http://encode.invalid", { method: "POST", body: encodeActionArgs(args) });
  const response = await httpRequest(`${origin}${page}`, {
    method: "POST",
    headers: {
      Accept: "text/x-component",
      "Next-Action": id,
      Origin: origin,
      "Content-Type": encoded.headers.get("content-type") ?? "",
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
  const redirect = response.headers["x-action-redirect"];
  const setCookie = response.headers["set-cookie"] ?? [];
  return {
    status: response.status,
    body: response.text(),
    redirect: typeof redirect === "string" ? (redirect.split(";")[0] ?? null) : null,
    setCookies: setCookie,
  };
}

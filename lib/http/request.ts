import { ApiError } from "./api";

/** How long a refused body is still read and dropped: nginx's `lingering_time`. */
const LINGERING_MS = 30_000;

/**
 * A request body of at most `maxBytes`, read as it streams: a longer body is refused (413, `message`)
 * as soon as it is seen to be longer, whether or not it declared a Content-Length, and never held whole.
 */
export async function readBody(request: Request, maxBytes: number, message: string): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const refuse = () => {
    dropTheRest(reader);
    return new ApiError(413, message);
  };
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw refuse();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) throw refuse();
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads and drops what the client still sends of a refused body, for a while, as nginx does: closing
 * the connection on unread data resets it, and a client still sending then gets the reset (EPIPE)
 * instead of the 413 and its message. One still sending after LINGERING_MS is cut off.
 */
function dropTheRest(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const cutOff = setTimeout(() => reader.cancel().catch(() => {}), LINGERING_MS);
  void (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // The client left: nothing more to drop.
    } finally {
      clearTimeout(cutOff);
    }
  })();
}

/** The multipart form of a request whose body is at most `maxBytes` (413 beyond), or a 400. */
export async function readForm(request: Request, maxBytes: number, message: string): Promise<FormData> {
  const body = await readBody(request, maxBytes, message);
  const type = request.headers.get("content-type") ?? "";
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    throw new ApiError(400, "Envoyez un formulaire multipart.");
  }
}

/** The JSON body of a request, or a 400/413/415 in French. */
export async function readJson(request: Request, maxBytes = 4_000_000): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
    throw new ApiError(415, "Le corps de la requête doit être du JSON.");
  }
  const body = await readBody(request, maxBytes, "Requête trop volumineuse.");
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new ApiError(400, "JSON invalide.");
  }
}

/** A positive integer route parameter, or a 404 naming what was looked for. */
export async function idParam<K extends string>(
  params: Promise<Record<K, string>>,
  key: K,
  notFound: string,
): Promise<number> {
  const id = Number((await params)[key]);
  if (!Number.isInteger(id) || id <= 0) throw new ApiError(404, notFound);
  return id;
}

import { ApiError } from "./api";

/** The JSON body of a request, or a 400/415 in French. */
export async function readJson(request: Request, maxBytes = 4_000_000): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
    throw new ApiError(415, "Le corps de la requête doit être du JSON.");
  }
  const text = await request.text();
  if (text.length > maxBytes) throw new ApiError(413, "Requête trop volumineuse.");
  try {
    return JSON.parse(text);
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

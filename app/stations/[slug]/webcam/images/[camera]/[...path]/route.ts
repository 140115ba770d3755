import { webcamImageResponse } from "@/lib/webcam/serve";

/** <slug>.<domain>/webcam/images/<camera>/latest-large.jpg, …/latest.json, …/<UTC day>/<HHMMSS>-small.jpg */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; camera: string; path: string[] }> },
) {
  const { slug, camera, path } = await params;
  return webcamImageResponse(slug, camera, path);
}

import { apiRoute } from "@/lib/http/api";
import { receiveWebcamUpload } from "@/lib/webcam/webcams";

/** Webcam uploads from the station's Pi (see the station admin's webcam page for the curl command). */
export const POST = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  return Response.json(await receiveWebcamUpload(slug, request), { status: 201 });
});

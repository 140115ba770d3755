import { stationPhotoResponse } from "@/lib/station-photos";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; file: string }> },
) {
  const { slug, file } = await params;
  return stationPhotoResponse(slug, file);
}

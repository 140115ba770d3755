import { stationPhotoResponse } from "@/lib/stations/photos";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; file: string }> },
) {
  const { slug, file } = await params;
  return stationPhotoResponse(slug, file);
}

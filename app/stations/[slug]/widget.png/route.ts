import { unstable_cache } from "next/cache";
import { stationSummary } from "@/lib/stations/network";
import { findStation } from "@/lib/stations/queries";
import { widgetPng } from "@/lib/stations/widget";

// Rendered at most once a minute per station, whatever the number of sites embedding it.
const cachedWidget = unstable_cache(
  async (slug: string) => {
    const station = await findStation(slug);
    if (!station) return null;
    const png = await widgetPng(await stationSummary(station), Date.now() / 1000);
    return png.toString("base64");
  },
  ["station-widget"],
  { revalidate: 60, tags: ["stations"] },
);

/** <slug>.<domain>/widget.png: the 250×175 image widget for other sites. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const png = await cachedWidget((await params).slug);
  if (!png) {
    return new Response("Station inconnue.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(new Uint8Array(Buffer.from(png, "base64")), {
    headers: {
      "content-type": "image/png",
      "cache-control": "public, max-age=60, stale-while-revalidate=60",
      // embedded on other sites: let them
      "cross-origin-resource-policy": "cross-origin",
    },
  });
}

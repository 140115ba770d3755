import { publicVigilance } from "@/lib/articles/public";
import { config } from "@/lib/config/settings";
import { formatParis } from "@/lib/time";
import { VigilanceBannerClient } from "./VigilanceBannerClient";

/**
 * The vigilance banner shown on every page of the apex and of the station sites while a notice is
 * valid. The list is rendered on the server (cached pages included); the browser hides a notice
 * when it expires and shows one when it starts, without waiting for the page to be regenerated.
 */
export async function VigilanceBanner() {
  const notices = await publicVigilance();
  if (notices.length === 0) return null;
  return (
    <VigilanceBannerClient
      notices={notices.map((notice) => ({
        ...notice,
        untilText: formatParis(Date.parse(notice.validUntil) / 1000, {
          weekday: "long",
          day: "numeric",
          hour: "2-digit",
          minute: "2-digit",
        }),
      }))}
      siteUrl={config().siteUrl.origin}
      renderedAt={Date.now()}
    />
  );
}

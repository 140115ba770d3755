import type { Station } from "@/lib/generated/prisma/client";
import { sanitizeUserHtml } from "@/lib/html";

/** The information banner an administrator set on a station (type, title, message), if any. */
export function StationBanner({
  station,
}: {
  station: Pick<Station, "bannerType" | "bannerTitle" | "bannerMessage">;
}) {
  if (!station.bannerType || (!station.bannerTitle && !station.bannerMessage)) return null;
  return (
    <div
      className={`banner banner-${station.bannerType.toLowerCase()}`}
      role="note"
      data-field="station-banner"
    >
      {station.bannerTitle && <strong>{station.bannerTitle}</strong>}
      {station.bannerMessage && (
        // The one HTML allow-list of the platform (the legacy printed this message raw).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by sanitizeUserHtml
        <div dangerouslySetInnerHTML={{ __html: sanitizeUserHtml(station.bannerMessage) }} />
      )}
    </div>
  );
}

import type { Station } from "@/lib/generated/prisma/client";
import { sanitizeUserHtml } from "@/lib/security/html";

/** The information banner a station's managers set in the admin (type, title, message), on every page. */
export function StationBanner({ station }: { station: Station }) {
  const { bannerType, bannerTitle, bannerMessage } = station;
  if (!bannerType || !(bannerTitle || bannerMessage)) return null;
  return (
    <div
      className={`banner banner-${bannerType.toLowerCase()}`}
      role={bannerType === "DANGER" || bannerType === "WARNING" ? "alert" : "status"}
      data-banner={bannerType}
    >
      {bannerTitle && <strong className="banner-title">{bannerTitle}</strong>}
      {bannerMessage && (
        <div
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised with the site-wide allow-list
          dangerouslySetInnerHTML={{ __html: sanitizeUserHtml(bannerMessage) }}
        />
      )}
    </div>
  );
}

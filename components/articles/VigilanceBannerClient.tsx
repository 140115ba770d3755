"use client";

import { useEffect, useState } from "react";
import { LEVEL_LABEL, PHENOMENA, ZONE_LABEL } from "@/lib/articles/model";
import type { ActiveVigilance } from "@/lib/articles/queries";

/** A notice with its end as visitors read it ("mardi 9, 18:00"), written by the server (no date formatter to start in the browser). */
export type ShownVigilance = ActiveVigilance & { untilText: string };

function inForce(notices: ShownVigilance[], now: number) {
  return notices.filter((n) => Date.parse(n.validFrom) <= now && now < Date.parse(n.validUntil));
}

export function VigilanceBannerClient({
  notices,
  siteUrl,
  renderedAt,
}: {
  notices: ShownVigilance[];
  siteUrl: string;
  renderedAt: number;
}) {
  // First render with the server's clock (same markup as the HTML), then the browser's, every 10 s.
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);
  const shown = inForce(notices, now);
  if (shown.length === 0) return null;
  return (
    <section className="vigilance-banners" aria-label="Vigilance météo">
      {shown.map((notice) => (
        <p
          key={notice.slug}
          className={`vigilance vigilance-${notice.level.toLowerCase()}`}
          data-vigilance={notice.level}
        >
          <strong>Vigilance {LEVEL_LABEL[notice.level]}</strong> —{" "}
          {notice.phenomena.map((p) => PHENOMENA[p] ?? p).join(", ")} (
          {notice.zones.map((z) => ZONE_LABEL[z]).join(", ")}) jusqu'au {notice.untilText}.{" "}
          <a href={`${siteUrl}/articles/${notice.slug}`}>{notice.title}</a>
        </p>
      ))}
    </section>
  );
}

"use client";

import { useEffect, useState } from "react";
import { LEVEL_LABEL, PHENOMENA, ZONE_LABEL } from "@/lib/articles/model";
import type { ActiveVigilance } from "@/lib/articles/queries";

function inForce(notices: ActiveVigilance[], now: number) {
  return notices.filter((n) => Date.parse(n.validFrom) <= now && now < Date.parse(n.validUntil));
}

export function VigilanceBannerClient({
  notices,
  siteUrl,
  renderedAt,
}: {
  notices: ActiveVigilance[];
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
          {notice.zones.map((z) => ZONE_LABEL[z]).join(", ")}) jusqu'au{" "}
          {new Date(notice.validUntil).toLocaleString("fr-FR", {
            timeZone: "Europe/Paris",
            weekday: "long",
            day: "numeric",
            hour: "2-digit",
            minute: "2-digit",
          })}
          . <a href={`${siteUrl}/articles/${notice.slug}`}>{notice.title}</a>
        </p>
      ))}
    </section>
  );
}

import type { SummaryWithFreshness } from "@/lib/stations/network";
import { formatParis } from "@/lib/time";

/** Stations silent for more than 30 days, listed apart from the live ones with their last record. */
export function OutOfService({
  stations,
  href,
}: {
  stations: readonly SummaryWithFreshness[];
  href: (slug: string) => string;
}) {
  if (stations.length === 0) return null;
  return (
    <section aria-labelledby="hors-service" data-out-of-service="">
      <h2 id="hors-service">Hors service</h2>
      <p className="muted">Ces stations n'envoient plus de relevés depuis plus de 30 jours.</p>
      <ul className="inline-list">
        {stations.map(({ summary }) => (
          <li key={summary.slug} data-station={summary.slug}>
            <a href={href(summary.slug)}>{summary.name}</a>{" "}
            <span className="muted">
              (dernier relevé le {summary.at === null ? "—" : formatParis(summary.at, { dateStyle: "long" })})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { formatParis } from "@/lib/time";

export interface OutOfServiceStation {
  slug: string;
  name: string;
  href: string;
  /** Unix seconds of its newest record. */
  lastRecordAt: number | null;
}

/** Stations silent for more than 30 days, listed apart from the live ones with their last record. */
export function OutOfService({ stations }: { stations: readonly OutOfServiceStation[] }) {
  if (stations.length === 0) return null;
  return (
    <section aria-labelledby="hors-service" data-out-of-service="">
      <h2 id="hors-service">Hors service</h2>
      <p className="muted">Ces stations n'envoient plus de relevés depuis plus de 30 jours.</p>
      <ul className="inline-list">
        {stations.map((s) => (
          <li key={s.slug} data-station={s.slug}>
            <a href={s.href}>{s.name}</a>{" "}
            <span className="muted">
              (dernier relevé le{" "}
              {s.lastRecordAt === null ? "—" : formatParis(s.lastRecordAt, { dateStyle: "long" })})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { formatNumber } from "@/lib/format/numbers";
import { formatDuration } from "@/lib/time";
import type { Almanac as AlmanacData } from "@/lib/weather/almanac";
import { at } from "./values";

/** The almanac of a station's day (sun, twilight, moon), times in Europe/Paris: no script. */

const clock = (t: number | null, none: string) => (t === null ? none : at(t));

/** "+2 min 13 s", "−45 s" (the change of the day length since the day before). */
function change(seconds: number): string {
  const sign = seconds < 0 ? "−" : "+";
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60);
  return `${sign}${minutes > 0 ? `${minutes} min ` : ""}${abs % 60} s`;
}

export function Almanac({ almanac: a, title }: { almanac: AlmanacData; title: string }) {
  const facts: [field: string, label: string, value: string][] = [
    ["dawn", "Aube civile", clock(a.dawn, "—")],
    ["sunrise", "Lever du soleil", clock(a.sunrise, "—")],
    ["sunset", "Coucher du soleil", clock(a.sunset, "—")],
    ["dusk", "Crépuscule civil", clock(a.dusk, "—")],
    [
      "dayLength",
      "Durée du jour",
      a.dayLength === null
        ? "—"
        : `${formatDuration(a.dayLength)}${a.dayLengthChange === null ? "" : ` (${change(a.dayLengthChange)} par rapport à la veille)`}`,
    ],
    ["moon", "Lune", `${a.moon.name}, éclairée à ${formatNumber(a.moon.illumination * 100, 0)}\u202f%`],
    ["moonrise", "Lever de la lune", clock(a.moonrise, "pas de lever ce jour")],
    ["moonset", "Coucher de la lune", clock(a.moonset, "pas de coucher ce jour")],
  ];
  return (
    <section className="card almanac" aria-labelledby="almanac-title">
      <h2 id="almanac-title">{title}</h2>
      <dl className="facts">
        {facts.map(([field, label, value]) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd data-field={`almanac.${field}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

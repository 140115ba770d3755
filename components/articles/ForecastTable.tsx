import { TableScroll } from "@/components/tables/TableScroll";
import { SKY_LABEL, ZONE_LABEL, type Zone } from "@/lib/articles/model";
import type { ForecastRowView } from "@/lib/articles/queries";
import { formatDay } from "@/lib/time";
import { SkyIcon } from "./SkyIcon";

const dayLabel = (day: string) => formatDay(day, { weekday: "long", day: "numeric", month: "long" });

const value = (v: number | null, unit: string) => (v === null ? "—" : `${v}${unit}`);

/** A forecast's table: one row per day and zone, with the sky, temperatures, wind and rain chance. */
export function ForecastTable({ rows }: { rows: ForecastRowView[] }) {
  if (rows.length === 0) return null;
  const zones = [...new Set(rows.map((r) => r.zone))] as Zone[];
  return (
    <TableScroll label="Prévisions par jour et par zone">
      <table className="forecast-table">
        <thead>
          <tr>
            <th scope="col">Jour</th>
            {zones.length > 1 && <th scope="col">Zone</th>}
            <th scope="col">Ciel</th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Vent</th>
            <th scope="col">Pluie</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.day}-${row.zone}`} data-day={row.day} data-zone={row.zone}>
              <th scope="row">{dayLabel(row.day)}</th>
              {zones.length > 1 && <td>{ZONE_LABEL[row.zone]}</td>}
              <td>
                <SkyIcon sky={row.sky} /> {SKY_LABEL[row.sky].label}
              </td>
              <td data-field="tMin">{value(row.tMin, "\u202f°C")}</td>
              <td data-field="tMax">{value(row.tMax, "\u202f°C")}</td>
              <td>
                {row.windSpeed === null ? "—" : `${row.windDir ?? ""} ${row.windSpeed}\u202fkm/h`.trim()}
              </td>
              <td data-field="rain">{value(row.rainProbability, "\u202f%")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

"use client";

import { SKY_ICONS, SKY_LABEL, ZONE_LABEL, ZONES } from "@/lib/articles/model";
import { CARDINALS } from "@/lib/weather/wind";
import type { ForecastRowInput } from "./types";

const num = (value: string) => (value === "" ? null : Number(value));

/** A forecast's table, one row per day and zone; a new row copies the last one. */
export function ForecastTable({
  rows,
  today,
  onChange,
}: {
  rows: ForecastRowInput[];
  /** Paris day of a first row. */
  today: string;
  onChange: (rows: ForecastRowInput[]) => void;
}) {
  return (
    <fieldset>
      <legend>Tableau de prévision</legend>
      <div className="table-scroll">
        <table className="forecast-editor">
          <thead>
            <tr>
              <th>Jour</th>
              <th>Zone</th>
              <th>Ciel</th>
              <th>Min °C</th>
              <th>Max °C</th>
              <th>Vent km/h</th>
              <th>Direction</th>
              <th>Pluie %</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const set = (patch: Partial<ForecastRowInput>) =>
                onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <tr key={index}>
                  <td>
                    <input
                      type="date"
                      aria-label="Jour"
                      value={row.day}
                      onChange={(e) => set({ day: e.target.value })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label="Zone"
                      value={row.zone}
                      onChange={(e) => set({ zone: e.target.value as ForecastRowInput["zone"] })}
                    >
                      {ZONES.map((z) => (
                        <option key={z} value={z}>
                          {ZONE_LABEL[z]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label="Ciel"
                      value={row.sky}
                      onChange={(e) => set({ sky: e.target.value as ForecastRowInput["sky"] })}
                    >
                      {SKY_ICONS.map((s) => (
                        <option key={s} value={s}>
                          {SKY_LABEL[s].label}
                        </option>
                      ))}
                    </select>
                  </td>
                  {(["tMin", "tMax", "windSpeed"] as const).map((key) => (
                    <td key={key}>
                      <input
                        type="number"
                        aria-label={key}
                        value={row[key] ?? ""}
                        onChange={(e) => set({ [key]: num(e.target.value) })}
                      />
                    </td>
                  ))}
                  <td>
                    <select
                      aria-label="Direction du vent"
                      value={row.windDir ?? ""}
                      onChange={(e) => set({ windDir: e.target.value || null })}
                    >
                      <option value="">—</option>
                      {CARDINALS.map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="number"
                      aria-label="Probabilité de pluie"
                      min={0}
                      max={100}
                      value={row.rainProbability ?? ""}
                      onChange={(e) => set({ rainProbability: num(e.target.value) })}
                    />
                  </td>
                  <td>
                    <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                      Retirer
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        onClick={() => {
          const last = rows.at(-1);
          onChange([
            ...rows,
            last
              ? { ...last }
              : {
                  day: today,
                  zone: "LITTORAL",
                  sky: "SOLEIL",
                  tMin: null,
                  tMax: null,
                  windSpeed: null,
                  windDir: null,
                  rainProbability: null,
                },
          ]);
        }}
      >
        Ajouter une ligne
      </button>
    </fieldset>
  );
}

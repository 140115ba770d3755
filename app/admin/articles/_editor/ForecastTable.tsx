"use client";

import { SkyIcon } from "@/components/articles/SkyIcon";
import { TableScroll } from "@/components/tables/TableScroll";
import { SKY_ICONS, SKY_LABEL, ZONE_LABEL, ZONES } from "@/lib/articles/model";
import { addDays } from "@/lib/time/days";
import { CARDINALS } from "@/lib/weather/wind";
import { FieldError, type FieldErrors, invalid } from "./FieldError";
import type { ForecastRowInput } from "./types";

const num = (value: string) => (value === "" ? null : Number(value));

const NUMBERS = [
  { key: "tMin", label: "Min °C", min: -40, max: 50 },
  { key: "tMax", label: "Max °C", min: -40, max: 50 },
  { key: "windSpeed", label: "Vent km/h", min: 0, max: 250 },
] as const;

/** The sky of a row, chosen among the icons (radio buttons named by their label). */
function SkyPicker({
  name,
  value,
  onChange,
}: {
  name: string;
  value: ForecastRowInput["sky"];
  onChange: (sky: ForecastRowInput["sky"]) => void;
}) {
  return (
    <div className="sky-picker" role="radiogroup" aria-label="Ciel">
      {SKY_ICONS.map((sky) => (
        <label key={sky} title={SKY_LABEL[sky].label}>
          <input
            type="radio"
            name={name}
            value={sky}
            checked={value === sky}
            aria-label={SKY_LABEL[sky].label}
            onChange={() => onChange(sky)}
          />
          <SkyIcon sky={sky} />
        </label>
      ))}
    </div>
  );
}

/**
 * A forecast's table, one row per day and zone, laid out to fit beside the sidebar: compact inputs,
 * the sky as icons, a button copying the last day to the next. Each refused cell is marked and its
 * message written under it (`errors`, by path "forecast.<row>.<field>").
 */
export function ForecastTable({
  rows,
  today,
  errors,
  onChange,
}: {
  rows: ForecastRowInput[];
  /** Paris day of a first row. */
  today: string;
  errors: FieldErrors;
  onChange: (rows: ForecastRowInput[]) => void;
}) {
  const lastDay = rows.at(-1)?.day;
  return (
    <fieldset className="forecast-editor">
      <legend>Tableau de prévision</legend>
      <TableScroll label="Tableau de prévision">
        <table>
          <thead>
            <tr>
              <th>Jour</th>
              <th>Zone</th>
              <th>Ciel</th>
              {NUMBERS.map((n) => (
                <th key={n.key}>{n.label}</th>
              ))}
              <th>Dir.</th>
              <th>Pluie %</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const set = (patch: Partial<ForecastRowInput>) =>
                onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
              const path = (field: string) => `forecast.${index}.${field}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <tr key={index} data-row={index}>
                  <td>
                    <input
                      type="date"
                      aria-label="Jour"
                      value={row.day}
                      onChange={(e) => set({ day: e.target.value })}
                      {...invalid(errors, path("day"))}
                    />
                    <FieldError errors={errors} path={path("day")} />
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
                    <SkyPicker name={`ciel-${index}`} value={row.sky} onChange={(sky) => set({ sky })} />
                  </td>
                  {NUMBERS.map((n) => (
                    <td key={n.key}>
                      <input
                        type="number"
                        inputMode="numeric"
                        aria-label={n.label}
                        min={n.min}
                        max={n.max}
                        value={row[n.key] ?? ""}
                        onChange={(e) => set({ [n.key]: num(e.target.value) })}
                        {...invalid(errors, path(n.key))}
                      />
                      <FieldError errors={errors} path={path(n.key)} />
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
                      inputMode="numeric"
                      aria-label="Probabilité de pluie"
                      min={0}
                      max={100}
                      value={row.rainProbability ?? ""}
                      onChange={(e) => set({ rainProbability: num(e.target.value) })}
                      {...invalid(errors, path("rainProbability"))}
                    />
                    <FieldError errors={errors} path={path("rainProbability")} />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label="Retirer la ligne"
                      title="Retirer la ligne"
                      onClick={() => onChange(rows.filter((_, i) => i !== index))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="actions">
        <button
          type="button"
          onClick={() =>
            onChange([
              ...rows,
              {
                day: lastDay ?? today,
                zone: ZONES[0],
                sky: SKY_ICONS[0],
                tMin: null,
                tMax: null,
                windSpeed: null,
                windDir: null,
                rainProbability: null,
              },
            ])
          }
        >
          Ajouter une ligne
        </button>
        {lastDay && (
          <button
            type="button"
            onClick={() =>
              onChange([
                ...rows,
                ...rows.filter((r) => r.day === lastDay).map((r) => ({ ...r, day: addDays(lastDay, 1) })),
              ])
            }
          >
            Copier le jour précédent
          </button>
        )}
      </p>
    </fieldset>
  );
}

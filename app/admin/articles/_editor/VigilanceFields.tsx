"use client";

import { LEVEL_LABEL, PHENOMENA, VIGILANCE_LEVELS, ZONE_LABEL, ZONES } from "@/lib/articles/model";
import { FieldError, type FieldErrors, invalid } from "./FieldError";
import type { VigilanceInput } from "./types";

const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((x) => x !== value) : [...list, value];

/** A vigilance notice's level, phenomena, zones and validity (a new one: yellow, valid from now). */
export function VigilanceFields({
  vigilance,
  now,
  errors,
  onChange,
}: {
  vigilance: VigilanceInput | null;
  /** Paris "YYYY-MM-DDTHH:mm". */
  now: string;
  errors: FieldErrors;
  onChange: (vigilance: VigilanceInput) => void;
}) {
  const v = vigilance ?? {
    level: "YELLOW" as const,
    phenomena: [],
    zones: [],
    validFrom: now,
    validUntil: now,
  };
  const set = (patch: Partial<VigilanceInput>) => onChange({ ...v, ...patch });
  return (
    <fieldset className="stack">
      <legend>Vigilance</legend>
      <FieldError errors={errors} path="vigilance" />
      <label>
        Niveau
        <select
          name="level"
          value={v.level}
          onChange={(e) => set({ level: e.target.value as typeof v.level })}
        >
          {VIGILANCE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABEL[l]}
            </option>
          ))}
        </select>
      </label>
      <p>Phénomènes :</p>
      <div className="checks">
        {Object.entries(PHENOMENA).map(([key, label]) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={v.phenomena.includes(key)}
              onChange={() => set({ phenomena: toggle(v.phenomena, key) })}
            />{" "}
            {label}
          </label>
        ))}
      </div>
      <FieldError errors={errors} path="vigilance.phenomena" />
      <p>Zones :</p>
      <div className="checks">
        {ZONES.map((z) => (
          <label key={z}>
            <input
              type="checkbox"
              checked={v.zones.includes(z)}
              onChange={() => set({ zones: toggle(v.zones, z) })}
            />{" "}
            {ZONE_LABEL[z]}
          </label>
        ))}
      </div>
      <FieldError errors={errors} path="vigilance.zones" />
      <label>
        Valable du (heure de Paris)
        <input
          type="datetime-local"
          name="validFrom"
          value={v.validFrom}
          onChange={(e) => set({ validFrom: e.target.value })}
          {...invalid(errors, "vigilance.validFrom")}
        />
        <FieldError errors={errors} path="vigilance.validFrom" />
      </label>
      <label>
        au
        <input
          type="datetime-local"
          name="validUntil"
          value={v.validUntil}
          onChange={(e) => set({ validUntil: e.target.value })}
          {...invalid(errors, "vigilance.validUntil")}
        />
        <FieldError errors={errors} path="vigilance.validUntil" />
      </label>
    </fieldset>
  );
}

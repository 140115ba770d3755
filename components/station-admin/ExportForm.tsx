"use client";

import { useState } from "react";
import { EXPORT_FIELDS, EXPORT_STEPS, MAX_EXPORT_DAYS, parseExportRequest } from "@/lib/export/request";

/**
 * The export form: a plain GET to the CSV route (the browser streams the download to disk), checked
 * here first so that mistakes are explained in place.
 */
export function ExportForm({ action, initial }: { action: string; initial: { from: string; to: string } }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      method="get"
      action={action}
      className="admin-form"
      noValidate
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        const { error } = parseExportRequest({
          from: String(form.get("from") ?? ""),
          to: String(form.get("to") ?? ""),
          step: String(form.get("step") ?? ""),
          fields: form.getAll("fields").map(String),
          dialecte: String(form.get("dialecte") ?? ""),
        });
        setError(error);
        if (error) event.preventDefault();
      }}
    >
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <fieldset>
        <legend>Période (jours de l'heure locale, {MAX_EXPORT_DAYS} au maximum)</legend>
        <label>
          Du
          <input type="date" name="from" defaultValue={initial.from} required />
        </label>
        <label>
          Au (inclus)
          <input type="date" name="to" defaultValue={initial.to} required />
        </label>
      </fieldset>
      <fieldset>
        <legend>Pas de temps</legend>
        {Object.entries(EXPORT_STEPS).map(([step, { label }]) => (
          <label key={step} className="checkbox">
            <input type="radio" name="step" value={step} defaultChecked={step === "raw"} /> {label}
          </label>
        ))}
        <small className="muted">
          Par 10 minutes ou par heure : moyenne, minimum et maximum de chaque mesure, cumuls de pluie et d'ET,
          intensité maximale, vent moyen avec sa direction moyenne et rafale maximale avec sa direction et son
          heure.
        </small>
      </fieldset>
      <fieldset>
        <legend>Mesures</legend>
        <div className="checkbox-grid">
          {EXPORT_FIELDS.map((field) => (
            <label key={field.key} className="checkbox">
              <input
                type="checkbox"
                name="fields"
                value={field.key}
                defaultChecked={["outTemp", "outHumidity", "barometer", "wind", "rain"].includes(field.key)}
              />{" "}
              {field.label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Format</legend>
        <label className="checkbox">
          <input type="radio" name="dialecte" value="rfc" defaultChecked /> CSV standard (virgules, point
          décimal)
        </label>
        <label className="checkbox">
          <input type="radio" name="dialecte" value="fr" /> CSV pour tableur français (points-virgules,
          virgule décimale)
        </label>
      </fieldset>
      <button type="submit">Télécharger le CSV</button>
    </form>
  );
}

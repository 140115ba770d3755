"use client";

import { useActionState } from "react";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import type { StationFormData } from "@/lib/station-admin/metadata";
import { CheckboxField, FormStatus, formView, SelectField, TextArea, TextField } from "./fields";

const BANNER_TYPES: [string, string][] = [
  ["", "Aucun bandeau"],
  ["INFO", "Information"],
  ["SUCCESS", "Bonne nouvelle"],
  ["WARNING", "Avertissement"],
  ["DANGER", "Danger"],
];

/** Everything the legacy kept in hand-edited tables about a station, in one form. */
export function StationMetadataForm({
  action,
  initial,
}: {
  action: (previous: ActionState<StationFormData>, form: FormData) => Promise<ActionResult<StationFormData>>;
  initial: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState<ActionState<StationFormData>, FormData>(action, null);
  const view = formView(state, initial);
  const f = { values: view.values, errors: view.errors };
  return (
    <form action={formAction} className="admin-form" noValidate>
      <FormStatus message={view.message} error={view.error} />
      <fieldset>
        <legend>Identité et emplacement</legend>
        <TextField name="name" label="Nom" required {...f} />
        <TextField
          name="shortName"
          label="Nom court"
          required
          hint="Affiché dans le widget et sur la carte."
          {...f}
        />
        <TextField name="commune" label="Commune" required {...f} />
        <TextField name="latitude" label="Latitude (°)" inputMode="decimal" {...f} />
        <TextField name="longitude" label="Longitude (°)" inputMode="decimal" {...f} />
        <TextField name="altitude" label="Altitude (m)" inputMode="numeric" {...f} />
      </fieldset>
      <fieldset>
        <legend>Matériel</legend>
        <TextField name="model" label="Matériel (modèle de station)" {...f} />
        <TextField name="installedAt" label="Date d'installation" type="date" {...f} />
        <TextArea name="exposure" label="Emplacement et exposition" rows={3} {...f} />
        <CheckboxField name="hasUv" label="Capteur UV" values={view.values} />
        <CheckboxField name="hasRadiation" label="Capteur de rayonnement solaire" values={view.values} />
        <CheckboxField
          name="hasConsole"
          label="Console radio (réception et batterie suivies)"
          values={view.values}
        />
        <TextField
          name="offlineThresholdMinutes"
          label="Seuil hors ligne (minutes)"
          inputMode="numeric"
          hint="Au-delà de ce délai sans relevé, la station est affichée hors ligne (en orange)."
          {...f}
        />
      </fieldset>
      <fieldset>
        <legend>Images externes</legend>
        <TextField
          name="webcamUrl"
          label="Adresse d'une webcam externe"
          type="url"
          hint="Seulement si la webcam n'envoie pas ses images ici."
          {...f}
        />
        <TextField name="timelapseUrl" label="Adresse du timelapse de la veille" type="url" {...f} />
        <TextField name="radarImageUrl" label="Adresse de l'image radar" type="url" {...f} />
      </fieldset>
      <fieldset>
        <legend>Bandeau d'information</legend>
        <SelectField name="bannerType" label="Type" options={BANNER_TYPES} {...f} />
        <TextField name="bannerTitle" label="Titre" {...f} />
        <TextArea
          name="bannerMessage"
          label="Message"
          rows={3}
          hint="HTML simple accepté (liens, gras, listes) ; le reste est retiré."
          {...f}
        />
      </fieldset>
      <fieldset>
        <legend>Responsable</legend>
        <TextField name="managerName" label="Nom" {...f} />
        <TextField name="managerUrl" label="Site web" type="url" {...f} />
        <TextField name="managerContact" label="Contact (e-mail ou téléphone)" {...f} />
      </fieldset>
      <fieldset>
        <legend>Page « À propos »</legend>
        <TextArea
          name="description"
          label="Description de la station"
          rows={8}
          hint="HTML simple accepté (paragraphes, liens, listes, images) ; scripts et styles sont retirés."
          {...f}
        />
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer"}
      </button>
    </form>
  );
}

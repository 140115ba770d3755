"use client";

import { type ReactNode, useActionState, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/admin/ConfirmDialog";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { FORM_INVALID } from "@/lib/actions/result";
import type { StationFormData } from "@/lib/station-admin/metadata";
import { FormStatus, formView, TextField } from "./fields";

type State = ActionState<StationFormData>;
type Action = (previous: State, form: FormData) => Promise<ActionResult<StationFormData>>;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export function PartnerLinkForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null);
  const view = formView(state);
  const f = { values: view.values, errors: view.errors };
  return (
    <form action={formAction} className="admin-form" noValidate>
      <FormStatus message={view.message} error={view.error} />
      <TextField
        name="name"
        label="Nom du partenaire"
        required
        hint="Par exemple StatIC (Infoclimat), ROMMA, la commune…"
        {...f}
      />
      <TextField name="url" label="Adresse (facultative)" type="url" {...f} />
      <button type="submit" disabled={pending}>
        Ajouter
      </button>
    </form>
  );
}

export function PhotoUploadForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null);
  const view = formView(state);
  const [tooLarge, setTooLarge] = useState(false);
  const errors = tooLarge ? { photo: "Photo trop volumineuse : 10 Mo au maximum." } : view.errors;
  return (
    <form
      action={formAction}
      className="admin-form"
      onSubmit={(event) => {
        const file = new FormData(event.currentTarget).get("photo");
        const large = file instanceof File && file.size > MAX_PHOTO_BYTES;
        setTooLarge(large);
        if (large) event.preventDefault();
      }}
    >
      <FormStatus message={tooLarge ? null : view.message} error={tooLarge ? FORM_INVALID : view.error} />
      <label>
        Photo (JPEG, PNG ou WebP, 10 Mo au maximum)
        <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" required />
        {errors?.photo && (
          <small className="field-error" role="alert">
            {errors.photo}
          </small>
        )}
      </label>
      <TextField name="caption" label="Légende" values={view.values} errors={errors} />
      <button type="submit" disabled={pending}>
        {pending ? "Envoi…" : "Ajouter la photo"}
      </button>
    </form>
  );
}

/** A new token, shown once, with the command the station's Pi runs. */
function TokenNotice({ token, uploadUrl }: { token: string; uploadUrl: string }) {
  return (
    <div className="banner banner-warning" role="status">
      <p>
        Jeton d'envoi (affiché une seule fois, notez-le) : <code data-field="webcam-token">{token}</code>
      </p>
      <p>Commande à lancer sur le Raspberry Pi de la station après chaque prise de vue :</p>
      <pre className="code">
        <code>{`curl -fsS -H "Authorization: Bearer ${token}" -H "Content-Type: image/jpeg" --data-binary @image.jpg ${uploadUrl}`}</code>
      </pre>
    </div>
  );
}

export function WebcamCreateForm({ action, uploadUrl }: { action: Action; uploadUrl: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null);
  const view = formView(state, { intervalMinutes: "5", retentionDays: "30" });
  const f = { values: view.values, errors: view.errors };
  return (
    <>
      {view.token && <TokenNotice token={view.token} uploadUrl={uploadUrl} />}
      <form action={formAction} className="admin-form" noValidate>
        <FormStatus message={view.message} error={view.error} />
        <TextField
          name="key"
          label="Identifiant"
          required
          hint="Par exemple « nord » : il apparaît dans les adresses des images."
          {...f}
        />
        <TextField name="name" label="Nom affiché" required {...f} />
        <TextField name="intervalMinutes" label="Une image toutes les (minutes)" inputMode="numeric" {...f} />
        <TextField name="retentionDays" label="Archives conservées (jours)" inputMode="numeric" {...f} />
        <button type="submit" disabled={pending}>
          Créer la webcam
        </button>
      </form>
    </>
  );
}

export function WebcamSettingsForm({ action, initial }: { action: Action; initial: Record<string, string> }) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null);
  const view = formView(state, initial);
  const f = { values: view.values, errors: view.errors };
  return (
    <form action={formAction} className="admin-form" noValidate>
      <FormStatus message={view.message} error={view.error} />
      <TextField name="name" label="Nom affiché" required {...f} />
      <TextField name="intervalMinutes" label="Une image toutes les (minutes)" inputMode="numeric" {...f} />
      <TextField name="retentionDays" label="Archives conservées (jours)" inputMode="numeric" {...f} />
      <button type="submit" disabled={pending}>
        Enregistrer
      </button>
    </form>
  );
}

/**
 * A form whose button asks first, in the back office's dialog: the form is sent only once the
 * question is confirmed.
 */
function AskFirstForm({
  action,
  label,
  question,
  confirm,
  danger,
  className,
  pending = false,
  children,
}: {
  action: () => void | Promise<void>;
  label: string;
  question: string;
  /** The confirming button's label. */
  confirm: string;
  danger: boolean;
  className: string;
  pending?: boolean;
  /** What the form shows above its button (the action's outcome). */
  children?: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [asking, setAsking] = useState(false);
  return (
    <form ref={form} action={action}>
      {children}
      <button type="button" className={className} disabled={pending} onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking && (
        <ConfirmDialog
          title={question}
          confirm={confirm}
          danger={danger}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            form.current?.requestSubmit();
          }}
        />
      )}
    </form>
  );
}

export function WebcamTokenButton({
  action,
  uploadUrl,
}: {
  action: (previous: State) => Promise<ActionResult<StationFormData>>;
  uploadUrl: string;
}) {
  const [state, formAction, pending] = useActionState<State>(action, null);
  const view = formView(state);
  return (
    <AskFirstForm
      action={formAction}
      label="Nouveau jeton d'envoi"
      question="Créer un nouveau jeton ? L'ancien cessera de fonctionner."
      confirm="Créer un nouveau jeton"
      danger={false}
      className="secondary"
      pending={pending}
    >
      {view.token && <TokenNotice token={view.token} uploadUrl={uploadUrl} />}
      <FormStatus message={view.token ? null : view.message} error={view.error} />
    </AskFirstForm>
  );
}

/** A button for a destructive server action, asking first. */
export function ConfirmButton({
  action,
  label,
  question,
}: {
  action: () => Promise<void>;
  label: string;
  question: string;
}) {
  return (
    <AskFirstForm
      action={action}
      label={label}
      question={question}
      confirm={label}
      danger
      className="danger"
    />
  );
}

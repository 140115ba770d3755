import type { ActionState } from "@/lib/actions/result";
import type { StationFormData } from "@/lib/station-admin/metadata";

type FormErrors = Record<string, string>;

/** Form fields of the station admin: a label, the input, a hint and the field's error, linked for screen readers. */

interface FieldProps {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: FormErrors | null;
  hint?: string;
}

function describedBy(name: string, errors: FormErrors | null, hint?: string) {
  return [errors?.[name] && `${name}-erreur`, hint && `${name}-aide`].filter(Boolean).join(" ") || undefined;
}

function Extra({ name, errors, hint }: Pick<FieldProps, "name" | "errors" | "hint">) {
  return (
    <>
      {hint && (
        <small id={`${name}-aide`} className="muted">
          {hint}
        </small>
      )}
      {errors?.[name] && (
        <small id={`${name}-erreur`} className="field-error" role="alert">
          {errors[name]}
        </small>
      )}
    </>
  );
}

export function TextField({
  type = "text",
  required,
  ...props
}: FieldProps & { type?: string; required?: boolean; inputMode?: "decimal" | "numeric" }) {
  const { name, label, values, errors, hint, inputMode } = props;
  return (
    <label>
      {label}
      <input
        name={name}
        type={type}
        inputMode={inputMode}
        required={required}
        defaultValue={values[name] ?? ""}
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
      />
      <Extra name={name} errors={errors} hint={hint} />
    </label>
  );
}

export function TextArea({ rows = 4, ...props }: FieldProps & { rows?: number }) {
  const { name, label, values, errors, hint } = props;
  return (
    <label>
      {label}
      <textarea
        name={name}
        rows={rows}
        defaultValue={values[name] ?? ""}
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
      />
      <Extra name={name} errors={errors} hint={hint} />
    </label>
  );
}

export function CheckboxField({ name, label, values }: Omit<FieldProps, "errors">) {
  return (
    <label className="checkbox">
      <input type="checkbox" name={name} defaultChecked={values[name] === "on"} /> {label}
    </label>
  );
}

export function SelectField({
  options,
  ...props
}: FieldProps & { options: [value: string, label: string][] }) {
  const { name, label, values, errors, hint } = props;
  return (
    <label>
      {label}
      <select
        name={name}
        defaultValue={values[name] ?? ""}
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <Extra name={name} errors={errors} hint={hint} />
    </label>
  );
}

/** The outcome of a submission: its confirmation, or a summary when some fields are wrong. */
/**
 * What a station form shows from its action's last result: its inputs' values (`initial` before the
 * first submission), each field's error, the refusal or the confirmation, a new webcam token.
 */
export function formView(state: ActionState<StationFormData>, initial: Record<string, string> = {}) {
  if (!state) return { values: initial, errors: null, error: null, message: null, token: undefined };
  if (state.ok)
    return {
      values: state.data.values,
      errors: null,
      error: null,
      message: state.message,
      token: state.data.token,
    };
  return {
    values: state.values ?? {},
    errors: state.fieldErrors ?? null,
    error: state.error,
    message: null,
    token: undefined,
  };
}

export function FormStatus({ message, error }: { message: string | null; error: string | null }) {
  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  return message ? (
    <p className="banner banner-success" role="status">
      {message}
    </p>
  ) : null;
}

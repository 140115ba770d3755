"use client";

/**
 * Field errors of the last save, by path as the server names them ("title", "forecast.2.tMax",
 * "vigilance.zones"): `invalid()` marks the input, <FieldError> writes the message beside it.
 */
export type FieldErrors = Record<string, string>;

const errorId = (path: string) => `erreur-${path.replaceAll(".", "-")}`;

export function invalid(errors: FieldErrors, path: string) {
  return errors[path] ? { "aria-invalid": true, "aria-describedby": errorId(path) } : {};
}

export function FieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const message = errors[path];
  return message ? (
    <small id={errorId(path)} className="field-error" data-field={path}>
      {message}
    </small>
  ) : null;
}

const USER_ERROR = Symbol.for("meteo06.user-error");

/**
 * An error whose message is meant for the person who caused it or can fix it (a visitor, an editor, the
 * admin at the console): shown as it is, without a stack trace. Every error class of the platform that
 * explains itself extends it, and the CLI recognises them with `instanceof UserError`.
 */
export class UserError extends Error {
  /**
   * Next bundles a module once per layer (pages, route handlers), so an error may come from another copy
   * of this class: `instanceof UserError` checks a brand instead. Subclasses keep the usual check.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of instanceof: UserError itself, or a subclass.
    // biome-ignore lint/complexity/noThisInStatic: the subclass, not UserError, is meant
    if (this !== UserError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && USER_ERROR in value;
  }

  readonly [USER_ERROR] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UserError";
  }
}

/** Access refused: 401 "Connexion requise" when nobody is signed in (signInRequired), 403 otherwise. */
export class ForbiddenError extends UserError {
  constructor(
    message = "Accès refusé",
    readonly status: 401 | 403 = 403,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }

  static signInRequired(): ForbiddenError {
    return new ForbiddenError("Connexion requise", 401);
  }
}

/** Access refused: 401 "Connexion requise" when nobody is signed in (signInRequired), 403 otherwise. */
export class ForbiddenError extends Error {
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

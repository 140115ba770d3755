/** Access refused: "Connexion requise" when nobody is signed in, "Accès refusé" for a missing role. */
export class ForbiddenError extends Error {
  /** 401 when nobody is signed in, 403 otherwise. */
  readonly status: 401 | 403;

  constructor(message = "Accès refusé") {
    super(message);
    this.name = "ForbiddenError";
    this.status = message === "Connexion requise" ? 401 : 403;
  }
}

/** Access refused: "Connexion requise" when nobody is signed in, "Accès refusé" for a missing role. */
export class ForbiddenError extends Error {
  constructor(message = "Accès refusé") {
    super(message);
    this.name = "ForbiddenError";
  }
}

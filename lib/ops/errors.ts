/** An operations failure that explains itself (the CLI prints it as one line, without a stack trace). */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpsError";
  }
}

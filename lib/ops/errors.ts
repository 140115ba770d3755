import { UserError } from "../errors";
/** An operations failure that explains itself (the CLI prints it as one line, without a stack trace). */
export class OpsError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "OpsError";
  }
}

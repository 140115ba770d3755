import { createInterface } from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../../lib/passwords";
import { action, appDatabase, CliError } from "../cli-runtime";

const ROLES = ["ADMIN", "EDITOR", "AUTHOR"] as const;

const addSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: "--email must be an e-mail address" }),
  name: z.string().trim().min(1, { message: "--name is required" }).max(120),
  role: z
    .string()
    .transform((r) => r.toUpperCase())
    .pipe(z.enum(ROLES, { error: "--role must be admin, editor or author" })),
  station: z.array(z.string()).default([]),
});

/** The password comes from stdin (first line) or an interactive prompt: never from an argument. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    return input.split(/\r?\n/)[0] ?? "";
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const mute = rl as unknown as { _writeToOutput: (s: string) => void };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write("\n");
        resolve(answer);
      });
      mute._writeToOutput = () => {};
    });
  const first = await ask("Password: ");
  const second = await ask("Again: ");
  if (first !== second) throw new CliError("the two passwords differ");
  return first;
}

export function register(program: Command) {
  const users = program.command("users").description("manage back-office accounts");
  users
    .command("add")
    .description("create an account; the password is read from stdin or asked for")
    .requiredOption("--email <email>", "login e-mail")
    .requiredOption("--name <name>", "display name")
    .option("--role <role>", "admin, editor or author", "author")
    .option("--station <slug...>", "stations this user owns (may manage)")
    .action(
      action(async (raw: Record<string, unknown>) => {
        const parsed = addSchema.safeParse(raw);
        if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join("; "));
        const { email, name, role, station: slugs } = parsed.data;
        const prisma = await appDatabase();
        if (await prisma.user.findUnique({ where: { email } }))
          throw new CliError(`a user with e-mail ${email} already exists`);
        const stations = await prisma.station.findMany({ where: { slug: { in: slugs } } });
        const unknown = slugs.filter((slug) => !stations.some((s) => s.slug === slug));
        if (unknown.length) throw new CliError(`unknown station(s): ${unknown.join(", ")}`);
        const password = await readPassword();
        if (password.length < MIN_PASSWORD_LENGTH) {
          throw new CliError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
        }
        const user = await prisma.user.create({
          data: {
            email,
            name,
            role,
            passwordHash: await hashPassword(password),
            stations: { create: stations.map((s) => ({ stationId: s.id })) },
          },
        });
        console.log(`User ${user.email} created (${user.role.toLowerCase()})`);
      }),
    );
}

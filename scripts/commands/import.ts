import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { importWordpress } from "../../lib/articles/wordpress/import";
import { WxrError } from "../../lib/articles/wordpress/wxr";
import { mailConfigured } from "../../lib/mail";
import { sendInvitation } from "../../lib/password-tokens";
import { action, appDatabase, CliError } from "../cli";

export function register(program: Command) {
  const importer = program.command("import").description("import content from other systems");
  importer
    .command("wordpress <export>")
    .description(
      "import a WordPress WXR export (posts, pages, categories, tags, authors, attachments); re-running updates",
    )
    .option("--uploads <dir>", "local copy of wp-content/uploads, for the attachments")
    .option("--no-invite", "do not e-mail new authors an invitation to choose their password")
    .action(
      action(async (file: string, options: { uploads?: string; invite: boolean }) => {
        if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file}: no such file`);
        if (options.uploads && !(existsSync(options.uploads) && statSync(options.uploads).isDirectory())) {
          throw new CliError(`--uploads ${options.uploads}: no such directory`);
        }
        await appDatabase();
        const started = Date.now();
        let summary: Awaited<ReturnType<typeof importWordpress>>;
        try {
          summary = await importWordpress(file, {
            uploads: options.uploads,
            log: (line) => console.log(line),
          });
        } catch (error) {
          if (error instanceof WxrError)
            throw new CliError(`${file}, ${error.message} — nothing was imported`);
          throw error;
        }
        if (summary.newUserIds.length) {
          if (options.invite && mailConfigured()) {
            for (const id of summary.newUserIds) await sendInvitation(id);
            console.log(`Invitations envoyées : ${summary.newUserIds.length}`);
          } else {
            console.log(
              `${summary.newUserIds.length} nouveaux comptes sans mot de passe : invitez-les depuis Administration › Utilisateurs.`,
            );
          }
        }
        console.log(`Import terminé en ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }),
    );
}

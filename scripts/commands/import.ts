import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { sendInvitation } from "../../lib/accounts/password-tokens";
import { importWordpress } from "../../lib/articles/wordpress/import";
import { WxrError } from "../../lib/articles/wordpress/wxr";
import { UserError } from "../../lib/errors";
import { requestRevalidation } from "../../lib/http/site-cache";
import { mailConfigured } from "../../lib/mail/send";
import { mediaDir } from "../../lib/media/storage";
import { action, appDatabase, CliError } from "../cli-runtime";

const positive = (name: string) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new CliError(`${name} ${raw}: expected a positive number`);
  return value;
};

/** A progress bar on a terminal; a line every tenth of the way otherwise (logs, CI). */
function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (done: number, total: number) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (tty) {
      const filled = Math.round(percent / 5);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(20 - filled)}] ${done}/${total} (${percent} %)`,
      );
      if (done === total) process.stderr.write("\n");
    } else if (Math.floor(percent / 10) > lastTenth || done === total) {
      lastTenth = Math.floor(percent / 10);
      process.stderr.write(`${label} : ${done}/${total} (${percent} %)\n`);
    }
  };
}

export function register(program: Command) {
  const importer = program.command("import").description("import content from other systems");
  importer
    .command("wordpress <export>")
    .description(
      "import a WordPress WXR export (posts, pages, comments, categories, tags, authors, attachments); re-running updates what nobody changed since",
    )
    .option("--uploads <dir>", "local copy of wp-content/uploads, for the attachments")
    .option("--fetch-media", "download the attachments and every file the posts use from the old site")
    .option(
      "--old-site <url>",
      "address the old site answers on now, for --fetch-media (default: the export's)",
    )
    .option(
      "--timeout <seconds>",
      "give up on a download after this long without data",
      positive("--timeout"),
      30,
    )
    .option("--retries <n>", "further tries of a failed download", (raw) => Math.floor(Number(raw)), 3)
    .option(
      "--retry-delay <seconds>",
      "wait before the first retry (doubled each time)",
      positive("--retry-delay"),
      2,
    )
    .option("--max-file-size <MB>", "largest file downloaded", positive("--max-file-size"), 200)
    .option("--parallel <n>", "downloads at a time", positive("--parallel"), 4)
    .option(
      "--shortcodes <names>",
      "the association's plugins' shortcodes, comma separated (their tags are removed, their content kept)",
    )
    .option(
      "--invite",
      "e-mail new authors an invitation to choose their password (nobody is e-mailed without it)",
    )
    .action(
      action(
        async (
          file: string,
          options: {
            uploads?: string;
            fetchMedia?: boolean;
            oldSite?: string;
            timeout: number;
            retries: number;
            retryDelay: number;
            maxFileSize: number;
            parallel: number;
            shortcodes?: string;
            invite?: boolean;
          },
        ) => {
          if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`${file}: no such file`);
          if (options.uploads && !(existsSync(options.uploads) && statSync(options.uploads).isDirectory())) {
            throw new CliError(`--uploads ${options.uploads}: no such directory`);
          }
          if (options.oldSite && !/^https?:\/\/[^/]+/.test(options.oldSite))
            throw new CliError(`--old-site ${options.oldSite}: expected an http(s) address`);
          if (!Number.isInteger(options.retries) || options.retries < 0)
            throw new CliError("--retries: expected a whole number");
          await appDatabase();
          const started = Date.now();
          let summary: Awaited<ReturnType<typeof importWordpress>>;
          try {
            summary = await importWordpress(file, {
              uploads: options.uploads,
              fetch: options.fetchMedia
                ? {
                    origin: options.oldSite,
                    dir: path.join(mediaDir(), ".wordpress-downloads"),
                    timeoutMs: options.timeout * 1000,
                    retries: options.retries,
                    retryDelayMs: options.retryDelay * 1000,
                    maxBytes: options.maxFileSize * 1024 * 1024,
                    concurrency: Math.floor(options.parallel),
                  }
                : undefined,
              shortcodes: options.shortcodes
                ?.split(",")
                .map((s) => s.trim().toLowerCase())
                .filter(Boolean),
              log: (line) => console.log(line),
              progress: progressBar(options.fetchMedia ? "Médias (téléchargement)" : "Médias"),
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
                `${summary.newUserIds.length} nouveaux comptes sans mot de passe : invitez-les depuis Administration › Utilisateurs (ou relancez avec --invite).`,
              );
            }
          }
          // The site's cached pages show the import at once (else within their minute of cache).
          try {
            await requestRevalidation();
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            console.warn(
              `Pages du site non rafraîchies (${error.message}) : elles le seront d'ici une minute.`,
            );
          }
          console.log(`Import terminé en ${((Date.now() - started) / 1000).toFixed(1)} s`);
        },
      ),
    );
}

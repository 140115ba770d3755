import type { Command } from "commander";
import { purgeTrash, TRASH_DAYS } from "../../lib/articles/store";
import { runJob } from "../../lib/ops/jobs";
import { action, appDatabase } from "../cli-runtime";

export function register(program: Command) {
  const articles = program.command("articles").description("the site's articles");
  articles
    .command("purge-trash")
    .description(`delete the articles trashed more than ${TRASH_DAYS} days ago (daily timer)`)
    .action(
      action(async () => {
        await appDatabase();
        const deleted = await runJob("articles:purge-trash", async () => {
          const deleted = await purgeTrash();
          return { result: deleted, message: `${deleted} trashed articles deleted` };
        });
        console.log(`${deleted} article(s) trashed more than ${TRASH_DAYS} days ago deleted.`);
      }),
    );
}

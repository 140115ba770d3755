import type { Command } from "commander";
import { refreshTimedPages } from "../../lib/articles/timed-refresh";
import { requestRevalidation } from "../../lib/http/site-cache";
import { action, appDatabase } from "../cli-runtime";

export function register(program: Command) {
  const site = program.command("site").description("the public site's cached pages");
  site
    .command("refresh")
    .description(
      "refresh the cached pages when a scheduled article went live or a vigilance notice started or ended since the last run (every minute)",
    )
    .action(
      action(async () => {
        await appDatabase();
        const { changes } = await refreshTimedPages();
        console.log(changes > 0 ? `${changes} change(s): pages refreshed` : "nothing went live or expired");
      }),
    );
  site
    .command("revalidate")
    .description("refresh every cached page of the site now (after a change made behind the app's back)")
    .action(
      action(async () => {
        await requestRevalidation();
        console.log("pages refreshed");
      }),
    );
}

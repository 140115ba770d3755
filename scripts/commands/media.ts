import type { Command } from "commander";
import { requestRevalidation } from "../../lib/http/site-cache";
import { mediaDir } from "../../lib/media/storage";
import { completeMediaWidths } from "../../lib/media/widths";
import { action, appDatabase } from "../cli-runtime";

export function register(program: Command) {
  const media = program.command("media").description("the media library's files");
  media
    .command("widths")
    .description(
      "give images uploaded before a width was added (720 px) their missing files, then refresh the cached pages",
    )
    .action(
      action(async () => {
        await appDatabase();
        const report = await completeMediaWidths();
        console.log(
          `${report.images} image(s) in ${mediaDir()}: ${report.completed} completed with their missing widths.`,
        );
        for (const { key, reason } of report.failed) console.error(`${key}: not completed (${reason})`);
        if (report.failed.length) process.exitCode = 1;
        // Pages already rendered list the old widths until refreshed.
        if (report.completed > 0) {
          await requestRevalidation();
          console.log("pages refreshed");
        }
      }),
    );
}

import type { Command } from "commander";
import { runJob } from "../../lib/jobs";
import { webcamRoot } from "../../lib/webcam/storage";
import { pruneWebcams } from "../../lib/webcam/webcams";
import { action, appDatabase } from "../cli-runtime";

export function register(program: Command) {
  const webcam = program.command("webcam").description("station webcam images");
  webcam
    .command("prune")
    .description(
      "delete archived webcam images older than each webcam's retention, and files of deleted webcams (daily timer)",
    )
    .action(
      action(async () => {
        await appDatabase();
        const result = await runJob("webcam:prune", async () => {
          const result = await pruneWebcams();
          return {
            result,
            message: `${result.webcams} webcams, ${result.days} archive days and ${result.orphans} orphan folders removed`,
          };
        });
        console.log(
          `${result.webcams} webcams in ${webcamRoot()}: ${result.days} archive days and ${result.orphans} folders of deleted webcams removed.`,
        );
      }),
    );
}

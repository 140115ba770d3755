import type { Command } from "commander";
import { runJob } from "../../lib/jobs";
import { sendMail } from "../../lib/mail";
import { acknowledgeCheck, alertMessage } from "../../lib/ops/alerts";
import { runMonitor } from "../../lib/ops/monitor";
import { opsSettings } from "../../lib/ops/settings";
import { action, appDatabase, CliError, printTable } from "../cli-runtime";

export function register(program: Command) {
  program
    .command("monitor")
    .description("check disks, services, replication, backups, jobs and stations; send alerts")
    .action(
      action(async () => {
        await appDatabase();
        opsSettings(); // a bad setting stops here with its name
        const report = await runJob("monitor", async () => {
          const result = await runMonitor();
          const bad = result.outcomes.filter((o) => o.state !== "OK").length;
          return {
            result,
            message: `${result.outcomes.length} checks, ${bad} not OK, ${result.errors.length} errors`,
          };
        });
        printTable(report.outcomes.map((o) => ({ check: o.key, state: o.state, message: o.message })));
        for (const error of report.errors) console.error(`error: ${error}`);
        if (report.errors.length > 0) process.exitCode = 1;
      }),
    );

  const alerts = program.command("alerts").description("alert notifications");
  alerts
    .command("ack")
    .description("acknowledge a bad check: no more reminders until its state changes")
    .argument("<check>", "check key, e.g. disk:/")
    .option("--by <name>", "who takes charge", process.env.USER ?? "cli")
    .action(
      action(async (key: string, options: { by: string }) => {
        await appDatabase();
        if (!(await acknowledgeCheck(key, options.by))) {
          throw new CliError(
            `no check "${key}" in a WARNING or CRITICAL state (see the status page /admin/etat)`,
          );
        }
        console.log(`${key} acknowledged by ${options.by}`);
      }),
    );
  alerts
    .command("test")
    .description("send a test alert e-mail to ALERT_EMAILS")
    .action(
      action(async () => {
        const { alertEmails } = opsSettings();
        if (alertEmails.length === 0)
          throw new CliError("ALERT_EMAILS is empty: nobody would receive alerts");
        const message = alertMessage(
          { key: "test", state: "OK", message: "Message de test : les alertes arrivent.", since: new Date() },
          "change",
          null,
          "/admin/etat",
        );
        try {
          await sendMail({ to: alertEmails, ...message });
        } catch (error) {
          throw new CliError(`the SMTP server refused the test alert: ${(error as Error).message}`);
        }
        console.log(`test alert sent to ${alertEmails.join(", ")}`);
      }),
    );
}

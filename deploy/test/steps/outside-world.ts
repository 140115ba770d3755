/**
 * Real-install test: the outside world of server A, inside its namespace — the association's mail
 * provider (an SMTP sink) and StatIC's FTP server — made with the project's own test helpers. Runs as a
 * transient systemd service; writes their addresses to /run/outside-world.env, logs what they receive.
 */
import { writeFileSync } from "node:fs";
import { startFtpServer } from "../../../test/helpers/partners";
import { startSmtpSink } from "../../../test/helpers/smtp";

const smtp = await startSmtpSink();
const ftp = await startFtpServer("meteo06-pessicart", "mot-de-passe-static");
writeFileSync("/run/outside-world.env", `SMTP_URL=${smtp.url}\nSTATIC_FTP_URL=${ftp.url}\n`);
console.log(`SMTP sink on ${smtp.url}, StatIC FTP on ${ftp.url}`);
let mails = 0;
let uploads = 0;
setInterval(() => {
  for (const mail of smtp.messages.slice(mails)) console.log(`mail received: ${mail.subject}`);
  for (const event of ftp.events.slice(uploads)) console.log(`ftp: ${event}`);
  mails = smtp.messages.length;
  uploads = ftp.events.length;
}, 200);

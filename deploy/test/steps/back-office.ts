/**
 * Real-install test, server A: what an admin sets up in the back office's forms (server actions, which
 * curl cannot drive), done through the same library functions those forms call — a webcam and its upload
 * token, a StatIC partner feed with sealed credentials (to STATIC_FTP_URL), a station photo. Prints the
 * webcam token.
 * Run in /opt/meteo06/app as the service user with the server's settings (real-install.sh does so).
 */
import sharp from "sharp";
import { db } from "../../../lib/db";
import { saveFeed } from "../../../lib/partners/config";
import { addStationPhoto } from "../../../lib/station-photos";
import { newWebcamToken } from "../../../lib/webcam/webcams";

const station = await db().station.findUniqueOrThrow({ where: { slug: "pessicart" } });
const { token, tokenHash } = newWebcamToken();
await db().webcam.create({ data: { stationId: station.id, key: "nord", name: "Vue nord", tokenHash } });
const feed = await saveFeed({
  stationId: station.id,
  partner: "STATIC",
  enabled: true,
  partnerStationId: "pessicart06",
  username: "meteo06-pessicart",
  password: "mot-de-passe-static",
  clearCredentials: false,
  endpoint: process.env.STATIC_FTP_URL ?? "",
});
if (!feed.ok) throw new Error(feed.errors.join("; "));
const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#4a7a3a" } })
  .jpeg()
  .toBuffer();
await addStationPhoto(station.id, photo, "L'abri de la station");
console.log(token);
await db().$disconnect();

import sharp from "sharp";
import type { PrismaClient } from "../generated/prisma/client";
import { webVersions } from "../media/images";
import { addStationPhoto } from "../stations/photos";
import { formatParis } from "../time";
import { solarElevation } from "../weather/sun";
import { readLatest, storeWebcamImage, WEBCAM_SIZES } from "../webcam/storage";
import { hashWebcamToken } from "../webcam/webcams";
import { DEMO_STATIONS } from "./stations";

/**
 * Demo content of the station mini-sites: a webcam on Villefranche with synthetic images (an hourly
 * archive of the last day and a live image every five minutes), partners and a photo. Deterministic and
 * safe to run again: it only adds what is missing.
 */

/** The demo webcam's upload token, printed by `npm run demo` (local use only). */
export const DEMO_WEBCAM_TOKEN = "demo-webcam-villefranche";
const WEBCAM_STATION = "villefranche";

/** A 1280×720 picture of the bay at time `t`: the sky follows the sun. */
export function demoWebcamSvg(t: number, latitude: number, longitude: number, caption: string): string {
  const elevation = solarElevation(t, latitude, longitude);
  const light = Math.max(0, Math.min(1, (elevation + 6) / 30));
  const mix = (night: number[], day: number[]) =>
    `rgb(${night.map((n, i) => Math.round(n + (day[i] - n) * light)).join(",")})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
<stop offset="0" stop-color="${mix([8, 14, 35], [70, 140, 220])}"/>
<stop offset="1" stop-color="${mix([30, 40, 70], [190, 220, 245])}"/>
</linearGradient></defs>
<rect width="1280" height="720" fill="url(#sky)"/>
<polygon points="0,420 180,300 320,360 520,250 700,340 900,280 1100,360 1280,320 1280,460 0,460" fill="${mix([20, 25, 30], [90, 110, 90])}"/>
<rect y="460" width="1280" height="260" fill="${mix([10, 20, 40], [30, 90, 150])}"/>
<rect x="0" y="660" width="1280" height="60" fill="rgba(0,0,0,0.45)"/>
<text x="24" y="700" font-family="DejaVu Sans, sans-serif" font-size="30" fill="#ffffff">${caption}</text>
</svg>`;
}

async function demoImage(t: number, latitude: number, longitude: number, name: string) {
  const caption = `${name} — ${formatParis(t)}`;
  const jpeg = await sharp(Buffer.from(demoWebcamSvg(t, latitude, longitude, caption)))
    .jpeg({ quality: 80 })
    .toBuffer();
  return webVersions(jpeg, WEBCAM_SIZES);
}

export async function seedDemoStationSite(
  prisma: PrismaClient,
  now: number,
  log: (line: string) => void = () => {},
) {
  const station = await prisma.station.findUnique({ where: { slug: WEBCAM_STATION } });
  if (!station) return;
  const demo = DEMO_STATIONS.find((s) => s.slug === WEBCAM_STATION)!;

  if ((await prisma.stationPartnerLink.count({ where: { stationId: station.id } })) === 0) {
    await prisma.stationPartnerLink.createMany({
      data: [
        {
          stationId: station.id,
          name: "StatIC (Infoclimat)",
          url: "https://www.infoclimat.fr/",
          position: 0,
        },
        { stationId: station.id, name: "ROMMA", url: "https://www.romma.fr/", position: 1 },
      ],
    });
  }
  if (!station.managerName) {
    await prisma.station.update({
      where: { id: station.id },
      data: {
        managerName: "Capitainerie de la Darse",
        managerContact: "station-villefranche@meteo06.test",
        exposure: "Mât de 10 m sur le toit, dégagé vers la rade ; abri ventilé à 2 m au-dessus du toit.",
        installedAt: new Date("2019-04-15T00:00:00Z"),
      },
    });
  }
  if ((await prisma.stationPhoto.count({ where: { stationId: station.id } })) === 0) {
    const noon = Math.floor(now / 86400) * 86400 + 11 * 3600;
    const picture = await sharp(
      Buffer.from(
        demoWebcamSvg(noon, demo.profile.latitude, demo.profile.longitude, "La Darse de Villefranche"),
      ),
    )
      .jpeg()
      .toBuffer();
    await addStationPhoto(station.id, picture, "La rade vue depuis la station");
  }

  const webcam =
    (await prisma.webcam.findFirst({ where: { stationId: station.id, key: "rade" } })) ??
    (await prisma.webcam.create({
      data: {
        stationId: station.id,
        key: "rade",
        name: "Vue sur la rade",
        tokenHash: hashWebcamToken(DEMO_WEBCAM_TOKEN),
        intervalMinutes: 5,
        retentionDays: 30,
      },
    }));
  const latest = await readLatest(webcam);
  const newest = Math.floor(now / 300) * 300;
  // an hourly archive of the last day, then the live image
  const since = Math.max(latest?.takenAt ?? 0, newest - 86400);
  const times: number[] = [];
  for (let hour = Math.floor(since / 3600) * 3600 + 3600; hour < newest; hour += 3600) times.push(hour);
  if (newest > since) times.push(newest);
  for (const t of times) {
    await storeWebcamImage(
      webcam,
      await demoImage(t, demo.profile.latitude, demo.profile.longitude, demo.shortName),
      t,
    );
  }
  if (times.length) log(`${WEBCAM_STATION}: ${times.length} webcam images`);
}

import type { PrismaClient } from "../generated/prisma/client";
import type { Partner } from "../generated/prisma/enums";
import { sealCredentials } from "./feeds";
import { partnerSecretKey } from "./secrets";

/**
 * Demo partner feeds: one StatIC and one ROMMA feed per demo station, disabled, pointing at a loopback
 * port where nothing listens (the discard port), so the admin pages and `partners send --dry-run` have
 * something to show and nothing can ever reach the real partners. Existing feeds are left as they are.
 */

const NOWHERE: Record<Partner, string> = {
  STATIC: "ftp://127.0.0.1:9/",
  ROMMA: "http://127.0.0.1:9/donneesdeweewx.php",
};

export async function seedPartnerFeeds(
  prisma: PrismaClient,
  slugs: readonly string[],
  log: (line: string) => void = () => {},
): Promise<void> {
  const canSeal = (() => {
    try {
      return partnerSecretKey() !== null;
    } catch {
      return false;
    }
  })();
  for (const [index, slug] of slugs.entries()) {
    const station = await prisma.station.findUnique({ where: { slug } });
    if (!station) continue;
    for (const partner of ["STATIC", "ROMMA"] as const) {
      const existing = await prisma.partnerFeed.findUnique({
        where: { stationId_partner: { stationId: station.id, partner } },
      });
      if (existing) continue;
      const credentials = canSeal
        ? sealCredentials(station.id, partner, {
            username: partner === "STATIC" ? `demo-${slug}` : "",
            password: `demo-password-${index + 1}`,
          })
        : null;
      await prisma.partnerFeed.create({
        data: {
          stationId: station.id,
          partner,
          enabled: false,
          partnerStationId:
            partner === "STATIC" ? `meteo06_${slug.replace(/-/g, "_")}` : String(9001 + index),
          credentials,
          endpoint: NOWHERE[partner],
        },
      });
      log(
        `${slug}: ${partner} feed (disabled${credentials ? "" : ", no credentials: PARTNER_SECRET_KEY unset"})`,
      );
    }
  }
}

import { config } from "../config/settings";
import { db } from "../db/client";
import type { PrismaClient, Station } from "../generated/prisma/client";
import type { SensorGroup } from "../generated/prisma/enums";
import { mailConfigured, sendMail } from "../mail/send";
import { formatParis } from "../time";
import { SENSOR_NAME } from "./limits";

/**
 * E-mails to the people who look after a station (its owners and the editors) when one of its sensors
 * turns erroneous and when it recovers: one message per change of QcSensorState, never one per record.
 * A sensor is erroneous while one of its values of the station's last half hour is flagged erroneous
 * (and not dismissed). A message that could not go out is retried on the next run (notifiedAt).
 */

const RECENT = 1800;

export interface SensorChange {
  sensor: SensorGroup;
  erroneous: boolean;
}

/** The subject and text of the e-mail about a sensor's new state (pure). */
export function sensorMessage(
  station: Pick<Station, "name" | "slug">,
  state: { sensor: SensorGroup; erroneous: boolean; since: Date; message: string },
  adminUrl: string,
): { subject: string; text: string } {
  const sensor = SENSOR_NAME[state.sensor];
  const subject = state.erroneous
    ? `[Météo06] ${station.name} : ${sensor} en défaut`
    : `[Météo06] ${station.name} : ${sensor}, retour à la normale`;
  const lines = state.erroneous
    ? [
        `Le contrôle qualité juge erronées les valeurs du capteur « ${sensor} » de ${station.name} depuis le ${formatParis(state.since.getTime() / 1000)}.`,
        "",
        `Dernier constat : ${state.message}`,
        "",
        "Ces valeurs sont écartées de la climatologie, des records, des flux partenaires et de l'open data.",
        `Confirmez-les (invalidation) ou écartez le signalement (valeur réelle) : ${adminUrl}`,
      ]
    : [
        `Les valeurs du capteur « ${sensor} » de ${station.name} sont de nouveau jugées correctes depuis le ${formatParis(state.since.getTime() / 1000)}.`,
        "",
        `Signalements restant à examiner : ${adminUrl}`,
      ];
  return { subject, text: lines.join("\n") };
}

/** Owners of the station and editors (not disabled): who gets the e-mails. */
async function recipients(prisma: PrismaClient, stationId: number): Promise<string[]> {
  const users = await prisma.user.findMany({
    where: { disabled: false, OR: [{ role: "EDITOR" }, { stations: { some: { stationId } } }] },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return users.map((u) => u.email);
}

/**
 * Updates the station's sensor states from its flags of the half hour ending at `newest` (its newest
 * record) and sends the e-mails still due. Returns the state changes.
 */
export async function updateSensorStates(
  station: Station,
  newest: number,
  options: { prisma?: PrismaClient; now?: Date } = {},
): Promise<SensorChange[]> {
  const prisma = options.prisma ?? db();
  const now = options.now ?? new Date();
  const [flags, states] = await Promise.all([
    prisma.qcFlag.findMany({
      where: {
        stationId: station.id,
        level: "ERRONEOUS",
        status: { not: "DISMISSED" },
        dateTime: { gt: newest - RECENT, lte: newest },
      },
      orderBy: { dateTime: "desc" },
    }),
    prisma.qcSensorState.findMany({ where: { stationId: station.id } }),
  ]);
  const changes: SensorChange[] = [];
  const sensors = new Set<SensorGroup>([...flags.map((f) => f.sensor), ...states.map((s) => s.sensor)]);
  for (const sensor of sensors) {
    const latest = flags.find((f) => f.sensor === sensor);
    const state = states.find((s) => s.sensor === sensor);
    const erroneous = latest !== undefined;
    if ((state?.erroneous ?? false) === erroneous) continue;
    const data = {
      erroneous,
      since: now,
      message: latest?.detail ?? "valeurs de nouveau jugées correctes",
      notifiedAt: null,
    };
    await prisma.qcSensorState.upsert({
      where: { stationId_sensor: { stationId: station.id, sensor } },
      create: { stationId: station.id, sensor, ...data },
      update: data,
    });
    changes.push({ sensor, erroneous });
  }
  await deliverSensorMails(station, prisma, now);
  return changes;
}

/** Sends the e-mails of the station's states not notified yet; a refused one is retried next time. */
async function deliverSensorMails(station: Station, prisma: PrismaClient, now: Date) {
  if (!mailConfigured()) return;
  const pending = await prisma.qcSensorState.findMany({ where: { stationId: station.id, notifiedAt: null } });
  if (pending.length === 0) return;
  const to = await recipients(prisma, station.id);
  if (to.length === 0) return;
  const adminUrl = new URL(`/admin/stations/${station.slug}/qualite`, config().siteUrl).toString();
  for (const state of pending) {
    try {
      await sendMail({ to, ...sensorMessage(station, state, adminUrl) });
      await prisma.qcSensorState.update({
        where: { stationId_sensor: { stationId: station.id, sensor: state.sensor } },
        data: { notifiedAt: now },
      });
    } catch (error) {
      console.error(
        `quality e-mail for ${station.slug} ${state.sensor} not delivered: ${(error as Error).message}`,
      );
    }
  }
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CountsTable } from "@/components/lightning/CountsTable";
import { LightningPanel } from "@/components/lightning/LightningPanel";
import { LightningSource } from "@/components/lightning/LightningSource";
import { monthlyTotals } from "@/lib/lightning/display";
import { stationDays, stationStormiestDays } from "@/lib/lightning/queries";
import { lightningEnabled } from "@/lib/lightning/settings";
import { stationOr404 } from "@/lib/station-page";
import { addDays, addMonths, dayLabel, localDay, monthLabel } from "@/lib/time";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

const DAYS = 31;
const MONTHS = 24;
const RADII = ["moins de 10 km", "moins de 30 km", "moins de 100 km"];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const station = await stationOr404((await params).slug);
  return {
    title: `Foudre – ${station.name}`,
    description: `Impacts de foudre autour de ${station.commune} : activité en cours, par jour, par mois.`,
  };
}

export default async function StationLightningPage({ params }: Props) {
  const station = await stationOr404((await params).slug);
  if (!lightningEnabled()) notFound();
  const today = localDay(Date.now() / 1000);
  const lastMonth = today.slice(0, 7);
  const firstMonth = addMonths(lastMonth, 1 - MONTHS);
  const year = Number(lastMonth.slice(0, 4));
  const [days, stormiest] = await Promise.all([
    stationDays(station.id, `${firstMonth}-01`),
    stationStormiestDays(station.id, year),
  ]);
  const recent = addDays(today, -DAYS);
  const counts = (d: { within10km: number; within30km: number; within100km: number }) => [
    d.within10km,
    d.within30km,
    d.within100km,
  ];

  return (
    <>
      <h1>Foudre autour de {station.name}</h1>
      <LightningPanel station={station} always />

      <h2>Les {DAYS} derniers jours</h2>
      <CountsTable
        id="jours"
        caption="Jours avec au moins un impact à moins de 100 km, du plus récent au plus ancien."
        head="Jour"
        columns={RADII}
        rows={days
          .filter((d) => d.day > recent)
          .reverse()
          .map((d) => ({ key: d.day, label: dayLabel(d.day), values: counts(d) }))}
        empty={`Aucun impact à moins de 100 km ces ${DAYS} derniers jours.`}
      />

      <h2>Par mois</h2>
      <CountsTable
        id="mois"
        caption="Impacts par mois sur les deux dernières années, selon la distance à la station."
        head="Mois"
        columns={RADII}
        rows={monthlyTotals(days, ["within10km", "within30km", "within100km"], firstMonth, lastMonth).map(
          (m) => ({
            key: m.month,
            label: monthLabel(m.month),
            values: m.totals,
          }),
        )}
        empty="Aucun impact enregistré."
      />

      <h2>Les jours les plus orageux de {year}</h2>
      <CountsTable
        id="jours-orageux"
        caption="Les dix jours de l'année avec le plus d'impacts à moins de 30 km."
        head="Jour"
        columns={RADII}
        rows={stormiest.map((d) => ({ key: d.day, label: dayLabel(d.day), values: counts(d) }))}
        empty={`Aucun orage à moins de 30 km en ${year}.`}
      />
      <LightningSource />
    </>
  );
}

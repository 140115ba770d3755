import type { Metadata } from "next";
import { ExportForm } from "@/components/station-admin/ExportForm";
import { managedStationPage } from "@/lib/station-admin/access";
import { addDays, localDay } from "@/lib/time";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Export CSV" };

export default async function StationExportPage({ params }: Props) {
  const { station } = await managedStationPage((await params).slug);
  const today = localDay(Date.now() / 1000, station.timezone);
  return (
    <>
      <h1>{station.name} : export CSV</h1>
      <p>
        Les données de l'archive de la station, en unités métriques (°C, hPa, km/h, mm), heures en UTC avec
        l'heure locale à côté. Le fichier est produit à la demande et n'est conservé nulle part.
      </p>
      <ExportForm
        action={`/admin/stations/${station.slug}/export/csv`}
        initial={{ from: addDays(today, -6), to: today }}
      />
    </>
  );
}

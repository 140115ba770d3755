import type { Metadata } from "next";
import { StationMetadataForm } from "@/components/station-admin/StationMetadataForm";
import { managedStationPage } from "@/lib/station-admin/access";
import { metadataFormValues } from "@/lib/station-admin/metadata";
import { saveStationMetadata } from "./actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { station } = await managedStationPage((await params).slug);
  return { title: `${station.name} – informations` };
}

export default async function StationInfoPage({ params }: Props) {
  const { station } = await managedStationPage((await params).slug);
  return (
    <>
      <h1>{station.name} : informations</h1>
      <p className="muted">
        Base d'archives <code>{station.archiveDatabase}</code> · sous-domaine <code>{station.slug}</code>{" "}
        (modifiables par un administrateur en ligne de commande).
      </p>
      <StationMetadataForm
        action={saveStationMetadata.bind(null, station.slug)}
        initial={metadataFormValues(station)}
      />
    </>
  );
}

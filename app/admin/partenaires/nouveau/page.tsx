import Link from "next/link";
import { AccessDenied } from "@/components/admin/partners/AdminOnly";
import { requirePageRole } from "@/lib/auth";
import { canStoreCredentials, MISSING_KEY_MESSAGE } from "@/lib/partners/config";
import { defaultEndpoint } from "@/lib/partners/feeds";
import { listStations } from "@/lib/stations";
import { FeedForm } from "../FeedForm";

export const metadata = { title: "Nouveau flux partenaire" };

export default async function NewFeedPage() {
  const user = await requirePageRole("AUTHOR", "/admin/partenaires/nouveau");
  if (user.role !== "ADMIN") return <AccessDenied />;
  const stations = await listStations();
  const storable = canStoreCredentials();
  return (
    <>
      <p>
        <Link href="/admin/partenaires">← Flux partenaires</Link>
      </p>
      <h1>Nouveau flux partenaire</h1>
      {!storable && (
        <p className="banner banner-warning" role="alert">
          {MISSING_KEY_MESSAGE}
        </p>
      )}
      <FeedForm
        stations={stations.map((s) => ({ id: s.id, name: s.name }))}
        defaultEndpoints={{ STATIC: defaultEndpoint("STATIC"), ROMMA: defaultEndpoint("ROMMA") }}
        canStoreCredentials={storable}
      />
    </>
  );
}

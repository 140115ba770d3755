import { RecordsPage, recordsMetadata } from "@/components/climate/RecordsTables";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return recordsMetadata((await params).slug, 10);
}

export default async function Page({ params }: Props) {
  return <RecordsPage slug={(await params).slug} limit={10} />;
}

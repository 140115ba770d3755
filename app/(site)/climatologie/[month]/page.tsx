import type { Metadata } from "next";
import { NetworkClimatePage } from "@/components/climate/NetworkClimatePage";

export const metadata: Metadata = { title: "Climatologie du réseau" };

// A month asked for by /climatologie?mois=AAAA-MM (proxy.ts): rendered on first visit, then cached.
export function generateStaticParams() {
  return [];
}

export default async function NetworkClimateMonth({ params }: { params: Promise<{ month: string }> }) {
  return <NetworkClimatePage wanted={(await params).month} />;
}

import type { Metadata } from "next";
import { NetworkClimatePage } from "@/components/climate/NetworkClimatePage";

export const metadata: Metadata = { title: "Climatologie du réseau" };

export default function NetworkClimate() {
  return <NetworkClimatePage />;
}

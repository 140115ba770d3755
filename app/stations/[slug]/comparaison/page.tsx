import { redirect } from "next/navigation";
import { currentMonth } from "@/lib/climate/queries";

export const revalidate = 60;

export default function ComparisonIndex() {
  redirect(`/comparaison/${currentMonth()}`);
}

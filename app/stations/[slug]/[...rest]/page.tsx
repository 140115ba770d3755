import { notFound } from "next/navigation";

/** Any other address of a station's site: its 404 page, inside the station's layout (../not-found.tsx). */
export default function UnknownStationPage(): never {
  notFound();
}

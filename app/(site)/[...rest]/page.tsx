import { notFound } from "next/navigation";

/** Any other address of the apex site: its 404 page, inside the site's layout (../not-found.tsx). */
export default function UnknownPage(): never {
  notFound();
}

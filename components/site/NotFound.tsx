import { PageLink } from "@/components/site/PageLink";

/** The body of a 404 page: what is missing, a hint, and where to go instead. */
export function NotFound({
  title = "Page introuvable",
  hint,
  links,
}: {
  title?: string;
  hint: string;
  links: readonly { href: string; label: string }[];
}) {
  return (
    <section className="not-found" data-not-found="">
      <h1>{title}</h1>
      <p>{hint}</p>
      <ul className="inline-list">
        {links.map((link) => (
          <li key={link.href}>
            <PageLink href={link.href}>{link.label}</PageLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

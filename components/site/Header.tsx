import Link from "next/link";

export interface NavItem {
  href: string;
  label: string;
  /** Shown only when this returns true (a feature that needs configuration, such as lightning). */
  shown?: () => boolean;
}

/** The header shared by the apex site, the station sites and the back office. */
export function Header({
  brand,
  brandHref,
  navLabel,
  items,
  children,
}: {
  brand: string;
  brandHref: string;
  navLabel: string;
  items: readonly NavItem[];
  children?: React.ReactNode;
}) {
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href={brandHref}>
          {brand}
        </Link>
        <nav aria-label={navLabel}>
          <ul>
            {items
              .filter((item) => item.shown?.() ?? true)
              .map((item) => (
                <li key={item.href}>
                  {/^https?:/.test(item.href) ? (
                    <a href={item.href}>{item.label}</a>
                  ) : (
                    <Link href={item.href}>{item.label}</Link>
                  )}
                </li>
              ))}
          </ul>
        </nav>
        {children}
      </div>
    </header>
  );
}

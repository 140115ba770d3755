import { PageLink } from "./PageLink";
import { ThemeToggle } from "./ThemeToggle";

export interface NavItem {
  href: string;
  label: string;
  /** Shown only when this returns true (a feature that needs configuration, such as lightning). */
  shown?: () => boolean;
}

/**
 * The header shared by the apex site, the station sites and the back office. On a narrow screen the
 * links fold behind a "Menu" button: a <details> disclosure, which works without JavaScript and tells
 * assistive technology whether it is open; on a wide screen it stays open and the button is hidden
 * (globals.css). Its links are not prefetched (PageLink): on a phone the brand link alone fetched and
 * parsed the home page's data during every page's load; on a wide screen every entry of the menu did.
 */
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
        <PageLink className="brand" href={brandHref}>
          {brand}
        </PageLink>
        <details className="site-menu">
          <summary>
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M1 3h14M1 8h14M1 13h14" stroke="currentColor" strokeWidth="2" />
            </svg>
            Menu
          </summary>
          <nav aria-label={navLabel}>
            <ul>
              {items
                .filter((item) => item.shown?.() ?? true)
                .map((item) => (
                  <li key={item.href}>
                    {/^https?:/.test(item.href) ? (
                      <a href={item.href}>{item.label}</a>
                    ) : (
                      <PageLink href={item.href}>{item.label}</PageLink>
                    )}
                  </li>
                ))}
            </ul>
          </nav>
        </details>
        {children}
        <ThemeToggle />
      </div>
    </header>
  );
}

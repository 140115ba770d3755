import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to another page of the site: it navigates without reloading, but does not
 * prefetch. Next prefetches every link that enters the screen; on a phone that fetched and parsed the
 * data of pages the visitor may never open (eight of them on a month page) while the page was starting.
 */
export function PageLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}

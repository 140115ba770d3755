import { type Feed, feedStatus } from "@/lib/partners/feeds";

export function FeedStatus({ feed }: { feed: Feed }) {
  const { label, tone } = feedStatus(feed);
  return (
    <span className={`pill pill-${tone}`} data-status={tone}>
      {label}
    </span>
  );
}

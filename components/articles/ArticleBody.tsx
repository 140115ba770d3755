import { renderBody } from "@/lib/articles/render";
import type { MediaInfo } from "@/lib/media/urls";
import { ExternalEmbed } from "./ExternalEmbed";
import { StationEmbed } from "./StationEmbed";

/** A stored article body: sanitised HTML, responsive images, live station blocks and external videos. */
export function ArticleBody({ html, media }: { html: string; media: MediaInfo[] }) {
  const segments = renderBody(html, new Map(media.map((m) => [m.key, m])));
  return (
    <div className="article-body">
      {segments.map((segment, index) =>
        "html" in segment ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised with the allow-list of lib/security/html.ts at every save
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never move
          <div key={index} dangerouslySetInnerHTML={{ __html: segment.html }} />
        ) : "embed" in segment ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never move
          <StationEmbed key={index} embed={segment.embed} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never move
          <ExternalEmbed key={index} embed={segment.external} />
        ),
      )}
    </div>
  );
}

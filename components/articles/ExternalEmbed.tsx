import { type ExternalEmbed as Embed, embedFrame, embedUrl, PROVIDERS } from "@/lib/articles/external";
import { EmbedPlayer } from "./EmbedPlayer";

/**
 * A video or a post of another site: a card with its title and a link to it; for players, a button
 * loads the provider's frame in place (nothing reaches the provider before that click). Without
 * JavaScript the link still works.
 */
export function ExternalEmbed({ embed }: { embed: Embed }) {
  const provider = PROVIDERS[embed.provider];
  const url = embedUrl(embed);
  const frame = embedFrame(embed);
  const title = embed.title || provider.label;
  return (
    <figure className="external-embed card" data-provider={embed.provider}>
      {frame ? <EmbedPlayer frame={frame} title={title} provider={provider.name} /> : null}
      <figcaption>
        <span className="muted">{provider.label} · </span>
        <a href={url} rel="noopener noreferrer" target="_blank">
          {title}
        </a>
      </figcaption>
    </figure>
  );
}

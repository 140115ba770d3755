/**
 * Videos and posts of other sites shown in articles (pure, shared with the click-to-load component in
 * the browser). An article stores only the provider and the item's id
 * (`<div data-embed="external" data-provider="youtube" data-ref="…" data-title="…">`); the link and the
 * frame's address are rebuilt from them here, so no address written by an author or an export ever
 * becomes a frame. A frame loads only when the reader asks for it (nothing is sent to the provider
 * before). Content-Security-Policy: frame-src FRAME_ORIGINS.
 */

export interface ExternalEmbed {
  provider: Provider;
  /** the item's id at the provider (YouTube video id, "user/123" for a post on X…) */
  ref: string;
  title: string;
}

interface ProviderSpec {
  name: string;
  /** what the item is, for the card ("Vidéo YouTube") */
  label: string;
  ref: RegExp;
  url: (ref: string) => string;
  /** the player's address, or null when the provider has no frame without its script (a link card) */
  frame: ((ref: string) => string) | null;
}

export const PROVIDERS = {
  youtube: {
    name: "YouTube",
    label: "Vidéo YouTube",
    ref: /^[\w-]{11}$/,
    url: (ref) => `https://www.youtube.com/watch?v=${ref}`,
    frame: (ref) => `https://www.youtube-nocookie.com/embed/${ref}?autoplay=1`,
  },
  vimeo: {
    name: "Vimeo",
    label: "Vidéo Vimeo",
    ref: /^\d{1,12}$/,
    url: (ref) => `https://vimeo.com/${ref}`,
    frame: (ref) => `https://player.vimeo.com/video/${ref}?dnt=1&autoplay=1`,
  },
  dailymotion: {
    name: "Dailymotion",
    label: "Vidéo Dailymotion",
    ref: /^x[a-z0-9]{3,12}$/i,
    url: (ref) => `https://www.dailymotion.com/video/${ref}`,
    frame: (ref) => `https://www.dailymotion.com/embed/video/${ref}?autoplay=1`,
  },
  videopress: {
    name: "WordPress.tv",
    label: "Vidéo WordPress.tv",
    ref: /^[a-z0-9]{8}$/i,
    url: (ref) => `https://videopress.com/v/${ref}`,
    frame: (ref) => `https://video.wordpress.com/embed/${ref}?autoPlay=1`,
  },
  wordpresstv: {
    name: "WordPress.tv",
    label: "Vidéo WordPress.tv",
    ref: /^\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]{1,150}$/,
    url: (ref) => `https://wordpress.tv/${ref}/`,
    frame: null,
  },
  twitter: {
    name: "X (Twitter)",
    label: "Publication sur X (Twitter)",
    ref: /^\w{1,15}\/\d{1,25}$/,
    url: (ref) => `https://x.com/${ref.replace("/", "/status/")}`,
    frame: null,
  },
} satisfies Record<string, ProviderSpec>;

export type Provider = keyof typeof PROVIDERS;

/** Origins of the players (CSP frame-src). */
export const FRAME_ORIGINS = [
  "https://www.youtube-nocookie.com",
  "https://player.vimeo.com",
  "https://www.dailymotion.com",
  "https://video.wordpress.com",
];

export function isProvider(value: string): value is Provider {
  return Object.hasOwn(PROVIDERS, value);
}

export function validEmbed(provider: string, ref: string): boolean {
  return isProvider(provider) && (PROVIDERS[provider] as ProviderSpec).ref.test(ref);
}

export const embedUrl = (embed: Pick<ExternalEmbed, "provider" | "ref">) =>
  (PROVIDERS[embed.provider] as ProviderSpec).url(embed.ref);

export const embedFrame = (embed: Pick<ExternalEmbed, "provider" | "ref">) =>
  (PROVIDERS[embed.provider] as ProviderSpec).frame?.(embed.ref) ?? null;

/** The provider and id of a link to a video or a post, or null for any other address. */
export function recogniseEmbed(address: string): Omit<ExternalEmbed, "title"> | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol)) return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile|player|geo)\./, "");
  const parts = url.pathname.split("/").filter(Boolean);
  const found = (provider: Provider, ref: string | undefined | null) =>
    ref && validEmbed(provider, ref) ? { provider, ref } : null;
  switch (host) {
    case "youtube.com":
    case "youtube-nocookie.com":
      if (parts[0] === "watch") return found("youtube", url.searchParams.get("v"));
      return ["embed", "shorts", "live", "v"].includes(parts[0]) ? found("youtube", parts[1]) : null;
    case "youtu.be":
      return found("youtube", parts[0]);
    case "vimeo.com":
      return found("vimeo", parts[0] === "video" ? parts[1] : parts.find((p) => /^\d+$/.test(p)));
    case "dailymotion.com":
      if (parts[0] === "player.html") return found("dailymotion", url.searchParams.get("video"));
      return found("dailymotion", (parts[0] === "embed" ? parts[2] : parts[1])?.split("_")[0]);
    case "dai.ly":
      return found("dailymotion", parts[0]);
    case "twitter.com":
    case "x.com":
      return parts[1] === "status" ? found("twitter", `${parts[0]}/${parts[2]}`) : null;
    case "wordpress.tv":
      return found("wordpresstv", parts.slice(0, 4).join("/"));
    case "video.wordpress.com":
    case "videopress.com":
      return ["embed", "v"].includes(parts[0]) ? found("videopress", parts[1]) : null;
    default:
      return null;
  }
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function externalPlaceholder(embed: ExternalEmbed): string {
  return `<div data-embed="external" data-provider="${embed.provider}" data-ref="${escapeAttribute(embed.ref)}" data-title="${escapeAttribute(embed.title.slice(0, 300))}"></div>`;
}

import { ImageResponse } from "next/og";
import { SHARE_IMAGE_SIZE, TYPE_LABEL } from "@/lib/articles/model";
import { publicArticle } from "@/lib/articles/public";

const COLORS = {
  FORECAST: "#1d4ed8",
  VIGILANCE: "#c2410c",
  CLIMATE: "#047857",
  NEWS: "#6d28d9",
  PAGE: "#334155",
};

/**
 * The share image of an article: its type, title and date on the association's colours. A route of its own
 * rather than Next's `opengraph-image` file, whose address carries a build hash that the article's
 * metadata (naming the cover when there is one) cannot know.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const article = await publicArticle((await params).slug);
  const title = article?.title ?? "Météo06";
  const color = article ? COLORS[article.type] : COLORS.PAGE;
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: `linear-gradient(135deg, ${color}, #0f172a)`,
        color: "white",
      }}
    >
      <div style={{ fontSize: 36, opacity: 0.9 }}>{article ? TYPE_LABEL[article.type] : "Météo06"}</div>
      <div style={{ fontSize: title.length > 70 ? 54 : 68, fontWeight: 700, lineHeight: 1.15 }}>{title}</div>
      <div style={{ fontSize: 32, display: "flex", justifyContent: "space-between" }}>
        <span>Météo06 · Alpes-Maritimes</span>
        <span>
          {article
            ? new Date(article.publishedAt).toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" })
            : ""}
        </span>
      </div>
    </div>,
    SHARE_IMAGE_SIZE,
  );
}

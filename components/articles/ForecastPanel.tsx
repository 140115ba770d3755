import { ZONE_LABEL, type Zone } from "@/lib/articles/model";
import { publicForecast } from "@/lib/articles/public";
import { config } from "@/lib/config/settings";
import { ForecastTable } from "./ForecastTable";

/**
 * The latest valid forecast (the newest published one that still has days to come), for one zone
 * (station pages) or all zones (home page). Self-contained: drop it into any server page.
 */
export async function ForecastPanel({ zone = null }: { zone?: Zone | null }) {
  const forecast = await publicForecast(zone);
  if (!forecast) return null;
  const href = new URL(`/articles/${forecast.article.slug}`, config().siteUrl).toString();
  return (
    <section
      className="card forecast-panel"
      aria-labelledby="prevision-titre"
      data-forecast={forecast.article.slug}
    >
      <h2 id="prevision-titre" style={{ marginTop: 0 }}>
        Prévisions{zone ? ` — ${ZONE_LABEL[zone]}` : ""}
      </h2>
      <p>
        <a href={href}>{forecast.article.title}</a>
      </p>
      <ForecastTable rows={forecast.rows} />
    </section>
  );
}

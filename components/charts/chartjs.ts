import {
  BarController,
  BarElement,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import zoom from "chartjs-plugin-zoom";

/**
 * chart.js with only what the time-series charts draw with (lines, bars, linear axes, fills, legend,
 * tooltip) and the zoom plugin: about a third lighter than chart.js/auto. Imported on demand
 * (TimeSeriesChart), never with a page.
 */
Chart.register(
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  LinearScale,
  Filler,
  Legend,
  Tooltip,
  zoom,
);

// Axes, legends and tooltips in the page's own text font (a web font, already loaded by the page).
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

export { Chart };

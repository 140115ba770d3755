import { SKY_LABEL, type SkyIcon as Sky } from "@/lib/articles/model";

/**
 * The site's own sky icons (SVG drawn here, no emoji: those show as empty boxes where the system has no
 * emoji font). Decorative by default, the label beside them says the sky; `labelled` gives the icon the
 * label as its accessible name when it stands alone.
 */

const SUN = (
  <g>
    <circle cx="13" cy="13" r="5.5" fill="#f5b301" />
    <path
      d="M13 2.5v3M13 20.5v3M2.5 13h3M20.5 13h3M5.6 5.6l2.1 2.1M18.3 18.3l2.1 2.1M5.6 20.4l2.1-2.1M18.3 7.7l2.1-2.1"
      stroke="#f5b301"
      strokeWidth="2"
      strokeLinecap="round"
    />
  </g>
);
const CLOUD_PATH = "M9 26a6 6 0 0 1-.6-12 8 8 0 0 1 15.3 2.2A5 5 0 0 1 24 26z";
const cloud = (fill: string) => <path d={CLOUD_PATH} fill={fill} stroke="#5b6776" strokeWidth="1" />;
const DROPS = (
  <path
    d="M11 27.5l-1.5 3M16.5 27.5l-1.5 3M22 27.5l-1.5 3"
    stroke="#1c7ed6"
    strokeWidth="2"
    strokeLinecap="round"
  />
);

const ICONS: Record<Sky, React.ReactNode> = {
  SUNNY: <g transform="translate(3 3)">{SUN}</g>,
  PARTLY_CLOUDY: (
    <>
      {SUN}
      <g transform="translate(6 5) scale(0.8)">{cloud("#f1f3f5")}</g>
    </>
  ),
  CLOUDY: (
    <>
      <g transform="translate(-2 -3) scale(0.85)">{SUN}</g>
      <g transform="translate(1 1)">{cloud("#dee2e6")}</g>
    </>
  ),
  OVERCAST: (
    <>
      <g transform="translate(5 -5) scale(0.8)">{cloud("#adb5bd")}</g>
      <g transform="translate(0 1)">{cloud("#ced4da")}</g>
    </>
  ),
  SHOWERS: (
    <>
      <g transform="translate(-1 -4) scale(0.85)">{SUN}</g>
      <g transform="translate(1 -2)">{cloud("#ced4da")}</g>
      {DROPS}
    </>
  ),
  RAIN: (
    <>
      <g transform="translate(0 -2)">{cloud("#adb5bd")}</g>
      {DROPS}
    </>
  ),
  THUNDERSTORM: (
    <>
      <g transform="translate(0 -3)">{cloud("#868e96")}</g>
      <path d="M17 21l-4 6h3.5l-2 5 6-7.5h-3.5l2-3.5z" fill="#fab005" stroke="#e67700" strokeWidth="0.6" />
    </>
  ),
  SNOW: (
    <>
      <g transform="translate(0 -3)">{cloud("#dee2e6")}</g>
      <g fill="#4dabf7">
        <circle cx="10" cy="28" r="1.6" />
        <circle cx="16" cy="30" r="1.6" />
        <circle cx="22" cy="28" r="1.6" />
      </g>
    </>
  ),
  FOG: (
    <>
      <g transform="translate(0 -6)">{cloud("#dee2e6")}</g>
      <path d="M4 23h24M7 27h20M4 31h22" stroke="#868e96" strokeWidth="2" strokeLinecap="round" />
    </>
  ),
};

export function SkyIcon({ sky, labelled = false }: { sky: Sky; labelled?: boolean }) {
  return labelled ? (
    <svg className="sky-icon" viewBox="0 0 32 32" data-sky={sky} role="img">
      <title>{SKY_LABEL[sky].label}</title>
      {ICONS[sky]}
    </svg>
  ) : (
    <svg className="sky-icon" viewBox="0 0 32 32" data-sky={sky} aria-hidden="true">
      {ICONS[sky]}
    </svg>
  );
}

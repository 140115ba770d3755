"use client";

import type { Editor } from "@tiptap/react";
import { CHART_FIELDS } from "@/lib/articles/embeds";

/** The settings of the station block under the cursor (its station, and a chart's measure); none elsewhere. */
export function StationBlockFields({
  editor,
  stations,
}: {
  editor: Editor | null;
  stations: { slug: string; name: string }[];
}) {
  if (!editor?.isActive("stationBlock")) return null;
  const block = editor.getAttributes("stationBlock") as { kind: string; station: string; field: string };
  return (
    <div className="toolbar">
      <label>
        Station
        <select
          value={block.station}
          onChange={(e) => editor.chain().updateAttributes("stationBlock", { station: e.target.value }).run()}
        >
          {stations.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {block.kind === "station-chart" && (
        <label>
          Mesure
          <select
            value={block.field}
            onChange={(e) => editor.chain().updateAttributes("stationBlock", { field: e.target.value }).run()}
          >
            {Object.entries(CHART_FIELDS).map(([key, f]) => (
              <option key={key} value={key}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

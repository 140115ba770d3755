import type { QualityCount } from "@/lib/qc/store";

/**
 * Says that a page's figures left out (or kept while doubting) values the quality control flagged, and
 * where the page marks them (`marked`, a sentence).
 */
export function QualityNotice({ marks, marked }: { marks: QualityCount; marked: string }) {
  if (marks.erroneous === 0 && marks.suspect === 0) return null;
  const parts = [];
  if (marks.erroneous > 0)
    parts.push(
      `${marks.erroneous} valeur${marks.erroneous > 1 ? "s" : ""} jugée${marks.erroneous > 1 ? "s" : ""} erronée${marks.erroneous > 1 ? "s" : ""} et écartée${marks.erroneous > 1 ? "s" : ""} des calculs`,
    );
  if (marks.suspect > 0)
    parts.push(
      `${marks.suspect} valeur${marks.suspect > 1 ? "s" : ""} suspecte${marks.suspect > 1 ? "s" : ""}, conservée${marks.suspect > 1 ? "s" : ""}`,
    );
  return (
    <p className="banner banner-warning" data-field="quality-notice">
      Contrôle qualité : {parts.join(" ; ")}. {marked}
    </p>
  );
}

/** A table cell's short mark of a day's (month's, year's) flagged values: "2 écartées, 1 suspecte". */
export function QualityMark({ count }: { count: QualityCount | undefined }) {
  if (!count || (count.erroneous === 0 && count.suspect === 0)) return null;
  const parts = [];
  if (count.erroneous > 0) parts.push(`${count.erroneous} écartée${count.erroneous > 1 ? "s" : ""}`);
  if (count.suspect > 0) parts.push(`${count.suspect} suspecte${count.suspect > 1 ? "s" : ""}`);
  return (
    <small className="quality-mark" data-field="quality" title="Valeurs signalées par le contrôle qualité">
      {" "}
      ⚠ {parts.join(", ")}
    </small>
  );
}

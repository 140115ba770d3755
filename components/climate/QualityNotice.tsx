import type { QualityMarks } from "@/lib/qc/store";

/** Says that a page's figures left out (or kept while doubting) values the quality control flagged. */
export function QualityNotice({ marks }: { marks: Pick<QualityMarks, "erroneous" | "suspect"> }) {
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
      Contrôle qualité : {parts.join(" ; ")}. Elles sont marquées sur les graphiques.
    </p>
  );
}

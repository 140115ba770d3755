"use client";

/** Prints the article with the print stylesheet (no navigation, black on white, links spelled out). */
export function PrintButton() {
  return (
    <p className="no-print">
      <button type="button" onClick={() => window.print()}>
        Imprimer
      </button>
    </p>
  );
}

"use client";

import { type ReactNode, useState } from "react";
import { TableScroll } from "./TableScroll";

/**
 * A table whose rows visitors can sort by any column (click a header; again to reverse). Cells are
 * rendered by the server and passed in as nodes; each row carries the plain values to sort on.
 * Missing values always go last.
 */

export interface SortableColumn {
  /** Also the cells' data-field attribute. */
  key: string;
  label: string;
  numeric?: boolean;
}

export interface SortableRow {
  id: string;
  /** One per column: what the column sorts on. */
  sortValues: (number | string | null)[];
  cells: ReactNode[];
  className?: string;
}

type Sort = { column: number; descending: boolean } | null;

function compare(a: number | string | null, b: number | string | null): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "fr", { sensitivity: "base", numeric: true });
}

export function SortableTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: SortableColumn[];
  rows: SortableRow[];
}) {
  const [sort, setSort] = useState<Sort>(null);
  const shown = sort
    ? [...rows].sort((x, y) => {
        const a = x.sortValues[sort.column];
        const b = y.sortValues[sort.column];
        if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
        return sort.descending ? compare(b, a) : compare(a, b);
      })
    : rows;
  return (
    <TableScroll label={caption}>
      <table className="data sortable">
        <caption className="muted">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => {
              const active = sort?.column === i;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? "num" : undefined}
                  aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
                >
                  <button
                    type="button"
                    onClick={() =>
                      setSort({
                        column: i,
                        // numbers start with the highest (warmest, windiest…), text with A
                        descending: active ? !sort.descending : Boolean(column.numeric),
                      })
                    }
                  >
                    {column.label}
                    <span aria-hidden="true">{active ? (sort.descending ? " ▼" : " ▲") : " ↕"}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id} data-row={row.id} className={row.className}>
              {row.cells.map((cell, i) => (
                <td
                  key={columns[i].key}
                  data-field={columns[i].key}
                  className={columns[i].numeric ? "num" : undefined}
                >
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

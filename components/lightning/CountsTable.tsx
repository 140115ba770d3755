import { TableScroll } from "@/components/tables/TableScroll";
import { formatNumber } from "@/lib/format/numbers";

export interface CountsRow {
  key: string;
  label: React.ReactNode;
  values: number[];
}

/** A table of strike counts (days, months, stations…): one labelled row per line, one column per count. */
export function CountsTable({
  caption,
  head,
  columns,
  rows,
  empty,
  id,
}: {
  caption: string;
  head: string;
  columns: string[];
  rows: CountsRow[];
  empty: string;
  id?: string;
}) {
  if (rows.length === 0) {
    return (
      <p className="muted" id={id}>
        {empty}
      </p>
    );
  }
  return (
    <TableScroll label={caption}>
      <table className="data" id={id}>
        <caption className="muted" style={{ textAlign: "left", captionSide: "bottom", paddingTop: "0.4rem" }}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {columns.map((column) => (
              <th key={column} scope="col" className="num">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row">{row.label}</th>
              {row.values.map((value, i) => (
                <td key={columns[i]} className="num">
                  {formatNumber(value, 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

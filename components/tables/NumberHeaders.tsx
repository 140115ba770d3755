/** Column headers of numeric columns (right-aligned like their cells), in order. */
export function NumberHeaders({ labels }: { labels: readonly string[] }) {
  return labels.map((label) => (
    <th key={label} scope="col" className="num">
      {label}
    </th>
  ));
}

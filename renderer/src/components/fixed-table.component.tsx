import type { ReactNode } from 'react';

/** One column of a FixedTable: its header and its width class (none: the column takes the rest of the row). */
export interface FixedColumn {
  readonly header?: ReactNode;
  readonly width?: string;
}

/**
 * A table with fixed column widths (`table--fixed`, e.g. rows of inputs that
 * must not push the table wider than the page): each column's header and
 * width are declared together, so the <colgroup> and the header row cannot
 * drift apart. `children` are the body's rows.
 */
export function FixedTable({ className, columns, children }: { readonly className: string; readonly columns: readonly FixedColumn[]; readonly children: ReactNode }) {
  return (
    <table className={`table table--fixed ${className}`}>
      <colgroup>
        {columns.map((c, i) => (
          <col key={i} className={c.width} />
        ))}
      </colgroup>
      <TableHead headers={columns.map((c) => c.header)} />
      <tbody>{children}</tbody>
    </table>
  );
}

/** A table's header row: a cell a header, in order. */
export function TableHead({ headers }: { readonly headers: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {headers.map((header, i) => (
          <th key={i}>{header}</th>
        ))}
      </tr>
    </thead>
  );
}

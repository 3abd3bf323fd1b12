import { useEffect, type ReactNode } from 'react';

/** What a table body of items takes: VirtualRows (long lists) and AllRows (a screenful) alike. */
export interface RowsProps<T> {
  readonly items: readonly T[];
  readonly rowKey: (item: T) => string;
  readonly renderRow: (item: T) => ReactNode;
  readonly rowClassName?: (item: T) => string | undefined;
  /** Number of columns, for the spacer cells. */
  readonly columns: number;
  readonly estimateRowHeight?: number;
  /** Told the index of the last rendered row, so a paged list can load the next page in time. */
  readonly onVisibleEnd?: (lastIndex: number) => void;
}

/**
 * A <tbody> with every row, for a list known to be short (Overblik's
 * screenfuls): the same rows as VirtualRows, without a virtualizer measuring
 * each one (a forced layout per row while the first view paints).
 */
export function AllRows<T>({ items, rowKey, renderRow, rowClassName, onVisibleEnd }: RowsProps<T>) {
  const lastIndex = items.length - 1;
  useEffect(() => {
    if (lastIndex >= 0) onVisibleEnd?.(lastIndex);
  }, [lastIndex, onVisibleEnd]);
  return (
    <tbody>
      {items.map((item) => (
        <tr key={rowKey(item)} className={rowClassName?.(item)}>
          {renderRow(item)}
        </tr>
      ))}
    </tbody>
  );
}

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { RowsProps } from './all-rows.component';

/**
 * A <tbody> that renders only the rows near the viewport (the window
 * scrolls, not the table), with spacer rows above and below so the table
 * keeps its height, column widths and semantics. A 20,000-row list keeps a
 * few dozen rows in the DOM.
 */
export function VirtualRows<T>({ items, rowKey, renderRow, rowClassName, columns, estimateRowHeight = 42, onVisibleEnd }: RowsProps<T>) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const top = body.current?.getBoundingClientRect().top ?? 0;
    setOffset(top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({ count: items.length, estimateSize: () => estimateRowHeight, overscan: 12, scrollMargin: offset });
  const rows = virtualizer.getVirtualItems();
  // Real rows are measured (wrapped text makes some taller); without ResizeObserver (jsdom) the estimate stands.
  const canMeasure = typeof ResizeObserver !== 'undefined';
  const lastIndex = rows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= 0) onVisibleEnd?.(lastIndex);
  }, [lastIndex, onVisibleEnd]);
  const before = rows.length ? rows[0]!.start - offset : 0;
  const after = rows.length ? virtualizer.getTotalSize() - (rows.at(-1)!.end - offset) : 0;
  return (
    <tbody ref={body}>
      {before > 0 ? (
        <tr aria-hidden="true" className="virtual-spacer">
          <td colSpan={columns} style={{ height: before, padding: 0, border: 'none' }} />
        </tr>
      ) : null}
      {rows.map((row) => {
        const item = items[row.index]!;
        return (
          <VirtualRow key={rowKey(item)} index={row.index} className={rowClassName?.(item)} measure={canMeasure ? virtualizer.measureElement : undefined}>
            {renderRow(item)}
          </VirtualRow>
        );
      })}
      {after > 0 ? (
        <tr aria-hidden="true" className="virtual-spacer">
          <td colSpan={columns} style={{ height: after, padding: 0, border: 'none' }} />
        </tr>
      ) : null}
    </tbody>
  );
}

/** Wraps the caller's <tr> cells: the virtualizer measures the real row height. */
function VirtualRow({ index, className, measure, children }: { readonly index: number; readonly className: string | undefined; readonly measure: ((element: Element | null) => void) | undefined; readonly children: ReactNode }) {
  return (
    <tr data-index={index} className={className} ref={measure}>
      {children}
    </tr>
  );
}

/** One column of a VirtualTable: its header, width and how an item fills its cell. */
export interface TableColumn<T> {
  readonly header: ReactNode;
  /** A share of the table's width, e.g. '23%' (the table has a fixed layout, so long text wraps instead of widening it). */
  readonly width: string;
  readonly cell: (item: T) => ReactNode;
  readonly className?: string | ((item: T) => string | undefined);
}

/**
 * The list pages' table: fixed column widths, a header row and only the rows
 * near the viewport in the DOM (VirtualRows). If a page needs more than
 * columns (a caption, a footer), give it VirtualRows directly.
 */
export function VirtualTable<T>({ items, columns, rowKey, onVisibleEnd, className }: {
  readonly items: readonly T[];
  readonly columns: readonly TableColumn<T>[];
  readonly rowKey: (item: T) => string;
  readonly onVisibleEnd?: (lastIndex: number) => void;
  readonly className?: string;
}) {
  const cellClass = (column: TableColumn<T>, item: T) => (typeof column.className === 'function' ? column.className(item) : column.className);
  return (
    <table className={['table table--fixed', className].filter(Boolean).join(' ')}>
      <colgroup>
        {columns.map((column, i) => (
          <col key={i} style={{ width: column.width }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} className={typeof column.className === 'string' ? column.className : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <VirtualRows
        items={items}
        onVisibleEnd={onVisibleEnd}
        columns={columns.length}
        rowKey={rowKey}
        renderRow={(item) =>
          columns.map((column, i) => (
            <td key={i} className={cellClass(column, item)}>
              {column.cell(item)}
            </td>
          ))
        }
      />
    </table>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'wouter';

/**
 * A kommune page card of records the kommune has (aftaler, helhedsplaner): its
 * table, or a line saying there are none yet, and a button to make one for
 * this kommune.
 */
export function HubListCard<T>({ title, empty, items, table, newHref, newLabel }: {
  readonly title: string;
  readonly empty: string;
  /** Undefined while loading. */
  readonly items: readonly T[] | undefined;
  readonly table: (items: readonly T[]) => ReactNode;
  readonly newHref: string;
  readonly newLabel: string;
}) {
  return (
    <div className="card">
      <h2>{title}</h2>
      {items && items.length === 0 ? <p className="empty">{empty}</p> : null}
      {items && items.length > 0 ? table(items) : null}
      <div className="form-actions">
        <Link href={newHref} className="button button--secondary">
          {newLabel}
        </Link>
      </div>
    </div>
  );
}

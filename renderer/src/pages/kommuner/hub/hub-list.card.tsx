import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

/**
 * A kommune page card of records the kommune has (aftaler, helhedsplaner): its
 * table, or a line saying there are none yet, and a button to make one for
 * this kommune. The area names the labels (`<area>.section`, `.sectionEmpty`,
 * `.sectionNew`) and the new-record route (`/<area>/ny/<kommuneId>`).
 */
export function HubListCard<T>({ area, kommuneId, items, table }: {
  readonly area: 'aftaler' | 'helhedsplaner';
  readonly kommuneId: string;
  /** Undefined while loading. */
  readonly items: readonly T[] | undefined;
  readonly table: (items: readonly T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t(`${area}.section`)}</h2>
      {items && items.length === 0 ? <p className="empty">{t(`${area}.sectionEmpty`)}</p> : null}
      {items && items.length > 0 ? table(items) : null}
      <div className="form-actions">
        <Link href={`/${area}/ny/${kommuneId}`} className="button button--secondary">
          {t(`${area}.sectionNew`)}
        </Link>
      </div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';

/**
 * "Forrige · 1–50 af 120 · Næste" under a list paged in SQL (Aftaler,
 * Helhedsplaner, Boligområder: PagedListPage); nothing while everything fits
 * on one page.
 */
export function Pager({ offset, pageSize, total, onOffset }: { readonly offset: number; readonly pageSize: number; readonly total: number; readonly onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('common.previousPage')}
      </button>
      <span className="muted">{t('common.pageOf', { from: offset + 1, to: Math.min(offset + pageSize, total), total })}</span>
      <button type="button" className="button button--secondary" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        {t('common.nextPage')}
      </button>
    </div>
  );
}

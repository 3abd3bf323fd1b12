import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../../queries';
import { BoligomraadeTable } from '../../boligomraader/boligomraader.page';
import { ListChanges } from '../../boligomraader/list-changes.component';

/**
 * The kommune hub's Boligområder (issue 17): the kommune's areas with this
 * year's list and their history, and what the newest lists changed in the
 * kommune (new on a list, moved, off) with the organisations and meeting
 * series it touches — what to bring up with the kommune after 1 December.
 */
export function BoligomraaderSection({ kommuneId }: { readonly kommuneId: string }) {
  const { t } = useTranslation();
  const areas = useApiQuery('boligomraader.list', { kommuneId, limit: 100 });
  const comparison = useApiQuery('boligomraader.compare', { kommuneId });
  const page = areas.data;
  const c = comparison.data;
  return (
    <div className="card" aria-label={t('boligomraader.section.title')} role="region">
      <h2>{t('boligomraader.section.title')}</h2>
      {page && page.items.length === 0 ? <p className="empty">{t('boligomraader.section.empty')}</p> : null}
      {c && page && page.items.length > 0 ? (
        <>
          <h3 className="hub-card__sub">{t('boligomraader.section.newLists', { year: c.year })}</h3>
          {c.changes.some((x) => x.kind !== 'unchanged') ? <ListChanges comparison={c} showKommune={false} /> : <p className="muted">{t('boligomraader.section.noChanges', { year: c.year })}</p>}
        </>
      ) : null}
      {page && page.items.length > 0 ? (
        <>
          <h3 className="hub-card__sub">{t('boligomraader.section.areas')}</h3>
          <BoligomraadeTable items={page.items} year={page.year} showKommune={false} />
        </>
      ) : null}
      <div className="form-actions">
        <Link href="/boligomraader/import" className="button button--secondary">
          {t('boligomraader.importList')}
        </Link>
      </div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../queries';
import { ListChanges } from '../boligomraader/list-changes.component';

/**
 * Overblik's "Listerne pr. 1. december": what the newest lists changed in the
 * kommuner of my kredse (all kommuner when no kreds is chosen) — new on a
 * list, moved, off — with the kommuner, organisations and series it touches.
 */
export function BoligomraaderListsCard() {
  const { t } = useTranslation();
  const comparison = useApiQuery('boligomraader.compare', { onlyMyKredse: true });
  const settings = useApiQuery('settings.get');
  const c = comparison.data;
  if (comparison.isLoading) return null;
  const mine = (settings.data?.myKredse.length ?? 0) > 0;
  const changed = c ? c.changes.filter((x) => x.kind !== 'unchanged').length : 0;
  return (
    <div className="card dashboard__wide" role="region" aria-label={c ? t('boligomraader.card.title', { year: c.year }) : t('boligomraader.title')}>
      <div className="card__header">
        <h2>{c ? t('boligomraader.card.title', { year: c.year }) : t('boligomraader.title')}</h2>
        <Link href="/boligomraader/import" className="button button--secondary">
          {t('boligomraader.card.import')}
        </Link>
      </div>
      {!c ? <p className="empty">{t('boligomraader.card.noLists')}</p> : null}
      {c ? <p className="muted">{c.previousYear ? t(mine ? 'boligomraader.card.mine' : 'boligomraader.card.all', { previous: c.previousYear }) : t('boligomraader.card.first')}</p> : null}
      {c && changed === 0 ? <p className="empty">{t('boligomraader.card.none')}</p> : null}
      {c && changed > 0 ? <ListChanges comparison={c} limit={8} /> : null}
      {c && changed > 8 ? (
        <Link href="/boligomraader" className="see-all">
          {t('boligomraader.card.more', { count: changed })}
        </Link>
      ) : null}
    </div>
  );
}

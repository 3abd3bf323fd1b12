import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BoligomraadeCategory, ListComparison } from '../../../../common/boligomraader.domain';
import './boligomraader.css';

/** The categories of an area as badges (gravest colours match the map layer); "Ikke på listerne" when none. */
export function CategoryBadges({ categories }: { readonly categories: readonly BoligomraadeCategory[] }) {
  const { t } = useTranslation();
  if (categories.length === 0) return <span className="bo-badge bo-badge--none">{t('boligomraader.notListed')}</span>;
  return (
    <>
      {categories.map((c) => (
        <span key={c} className={`bo-badge bo-badge--${c}`}>
          {t(`boligomraader.categories.${c}`)}
        </span>
      ))}
    </>
  );
}

/**
 * What a year's lists changed since the list year before (the import's
 * preview, the kommune hub, Overblik): one row per area — new on the lists,
 * moved between lists, off the lists — and what it touches.
 */
export function ListChanges({ comparison, showTouches = true, showKommune = true, limit }: { readonly comparison: ListComparison; readonly showTouches?: boolean; readonly showKommune?: boolean; readonly limit?: number }) {
  const { t } = useTranslation();
  const [withUnchanged, setWithUnchanged] = useState(false);
  const changed = comparison.changes.filter((c) => c.kind !== 'unchanged');
  const all = withUnchanged ? comparison.changes : changed;
  const rows = limit ? all.slice(0, limit) : all;
  return (
    <div className="bo-changes">
      <p className="muted">{t('boligomraader.changes.counts', comparison.counts)}</p>
      {rows.length > 0 ? (
        <table className="table table--compact">
          <thead>
            <tr>
              <th>{t('boligomraader.changes.columns.kind')}</th>
              <th>{t('boligomraader.changes.columns.area')}</th>
              {showKommune ? <th>{t('boligomraader.changes.columns.kommune')}</th> : null}
              <th>{t('boligomraader.changes.columns.before')}</th>
              <th>{t('boligomraader.changes.columns.after')}</th>
              <th>{t('boligomraader.changes.columns.organisations')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={`${c.boligomraadeId ?? 'ny'}-${c.kommuneId ?? ''}-${c.name}`}>
                <td>
                  <span className={`bo-change bo-change--${c.kind}`}>{t(`boligomraader.changes.kinds.${c.kind}`)}</span>
                </td>
                <td>
                  {c.boligomraadeId ? <Link href={`/boligomraader/${c.boligomraadeId}`}>{c.name}</Link> : c.name}
                  {c.boligomraadeId ? null : <span className="muted"> ({t('boligomraader.changes.newArea')})</span>}
                </td>
                {showKommune ? <td>{c.kommuneId ? <Link href={`/kommuner/${c.kommuneId}`}>{c.kommuneNavn}</Link> : '–'}</td> : null}
                <td>
                  <CategoryBadges categories={c.before} />
                </td>
                <td>
                  <CategoryBadges categories={c.after} />
                </td>
                <td>{c.organisations.map((o) => o.name).join(', ') || <span className="muted">–</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!withUnchanged && comparison.counts.unchanged > 0 && !limit ? (
        <button type="button" className="button button--link" onClick={() => setWithUnchanged(true)}>
          {t('boligomraader.changes.showUnchanged', { count: comparison.counts.unchanged })}
        </button>
      ) : null}
      {showTouches ? (
        <div className="bo-touches" role="group" aria-label={t('boligomraader.changes.touches')}>
          {showKommune ? (
            <TouchList title={t('boligomraader.changes.kommuner')} items={comparison.kommuner} limit={limit}>
              {(k) => <Link href={`/kommuner/${k.id}`}>{k.navn}</Link>}
            </TouchList>
          ) : null}
          <TouchList title={t('boligomraader.changes.organisations')} items={comparison.organisations} limit={limit}>
            {(o) => <Link href={`/organisationer/${o.id}`}>{o.name}</Link>}
          </TouchList>
          <TouchList title={t('boligomraader.changes.series')} items={comparison.series} limit={limit}>
            {(s) => (
              <>
                <Link href={`/moederaekker/${s.id}`}>{s.title}</Link>
                {s.kommuneNavn ? <span className="muted"> · {s.kommuneNavn}</span> : null}
              </>
            )}
          </TouchList>
        </div>
      ) : null}
    </div>
  );
}

/**
 * One list of what the changes touch (kommuner, organisations, meeting
 * series), or "none". Overblik's card keeps each list short (`limit`, then
 * "… and N more"); the list page and the import show all.
 */
function TouchList<T extends { readonly id: string }>({ title, items, limit, children }: {
  readonly title: string;
  readonly items: readonly T[];
  readonly limit: number | undefined;
  readonly children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <h4>{title}</h4>
      {items.length ? (
        <ul>
          {(limit ? items.slice(0, limit) : items).map((item) => (
            <li key={item.id}>{children(item)}</li>
          ))}
          {limit && items.length > limit ? <li className="muted">{t('boligomraader.changes.more', { count: items.length - limit })}</li> : null}
        </ul>
      ) : (
        <p className="muted">{t('boligomraader.changes.none')}</p>
      )}
    </div>
  );
}

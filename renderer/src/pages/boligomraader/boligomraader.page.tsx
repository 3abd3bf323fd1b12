import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { boligomraadeCategories, type Boligomraade, type BoligomraadeCategory } from '../../../../common/boligomraader.domain';
import { FilterSearch, FilterSelect } from '../../components/filters.component';
import { PagedListPage, usePagedFilters } from '../../components/paged-list.page';
import { KommuneSelect } from '../../components/pickers.component';
import { useApiQuery } from '../../queries';
import { CategoryBadges } from './list-changes.component';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import './boligomraader.css';

/**
 * Boligområder: every area with its place on the chosen year's lists,
 * filtered by year, category and kommune, searched and paged in SQL
 * (boligomraader.list).
 */
export function BoligomraaderPage() {
  const { t } = useTranslation();
  const { filters, setFilter, paging } = usePagedFilters<{ query: string; year: number | undefined; category: BoligomraadeCategory | ''; kommuneId: string | null; onlyListed: boolean }>({
    query: '',
    year: undefined,
    category: '',
    kommuneId: null,
    onlyListed: false,
  });
  const { query, year, category, kommuneId, onlyListed } = filters;
  const list = useApiQuery('boligomraader.list', { query: query || undefined, year, category: category || undefined, kommuneId: kommuneId ?? undefined, onlyListed: onlyListed || undefined, offset: paging.offset, limit: paging.pageSize });
  const page = list.data;
  // The year is which lists to show, not a filter: with no areas at all the page says how to start.
  const filtered = Boolean(query || category || kommuneId || onlyListed);
  return (
    <PagedListPage
      title={t('boligomraader.title')}
      subtitle={page ? `${t('boligomraader.count', { count: page.total })} · ${t('boligomraader.subtitle')}` : t('boligomraader.subtitle')}
      actions={
        <>
          <SpreadsheetExportMenu what="boligomraader" />
          <Link href="/boligomraader/import" className="button">
            {t('boligomraader.importList')}
          </Link>
        </>
      }
      filters={
        <>
          <FilterSearch label={t('boligomraader.search')} placeholder={t('boligomraader.searchPlaceholder')} value={query} onChange={(value) => setFilter('query', value)} />
          <select aria-label={t('boligomraader.year')} value={page?.year ?? ''} onChange={(e) => setFilter('year', e.target.value ? Number(e.target.value) : undefined)} disabled={!page || page.years.length === 0}>
            {page && page.years.length === 0 ? <option value="">{t('boligomraader.noYears')}</option> : null}
            {page?.years.map((y) => (
              <option key={y} value={y}>
                {t('boligomraader.yearOption', { year: y })}
              </option>
            ))}
          </select>
          <FilterSelect<BoligomraadeCategory>
            label={t('boligomraader.category')}
            value={category}
            allLabel={t('boligomraader.allCategories')}
            options={boligomraadeCategories.map((c) => ({ value: c, label: t(`boligomraader.categories.${c}`) }))}
            onChange={(value) => setFilter('category', value)}
          />
          <KommuneSelect aria-label={t('boligomraader.columns.kommune')} value={kommuneId} onChange={(id) => setFilter('kommuneId', id)} emptyLabel={t('boligomraader.allKommuner')} />
          <label className="checkbox">
            <input type="checkbox" checked={onlyListed} onChange={(e) => setFilter('onlyListed', e.target.checked)} /> {t('boligomraader.onlyListed')}
          </label>
        </>
      }
      list={list}
      paging={paging}
      filtered={filtered}
      noMatches={t('boligomraader.noMatches')}
      none={t('boligomraader.none')}
      table={(p) => <BoligomraadeTable items={p.items} year={p.year} showKommune />}
    />
  );
}

/** One table of areas: the list page and the kommune hub's section. */
export function BoligomraadeTable({ items, year, showKommune }: { readonly items: readonly Boligomraade[]; readonly year: number | null; readonly showKommune: boolean }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('boligomraader.columns.name')}</th>
          {showKommune ? <th>{t('boligomraader.columns.kommune')}</th> : null}
          <th>{t('boligomraader.columns.organisations')}</th>
          <th>{t('boligomraader.columns.categories', { year: year ?? '' })}</th>
          <th>{t('boligomraader.columns.history')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => {
          const earlier = a.history.filter((h) => year === null || h.year < year).slice(0, 3);
          return (
            <tr key={a.id}>
              <td>
                <Link href={`/boligomraader/${a.id}`}>{a.name}</Link>
              </td>
              {showKommune ? <td>{a.kommuneId ? <Link href={`/kommuner/${a.kommuneId}`}>{a.kommuneNavn}</Link> : <span className="muted">–</span>}</td> : null}
              <td>{a.organisations.map((o) => o.name).join(', ') || <span className="muted">–</span>}</td>
              <td>
                <CategoryBadges categories={a.categories} />
              </td>
              <td className="muted">
                {earlier.length
                  ? earlier.map((h) => `${h.year}: ${h.categories.map((c) => t(`boligomraader.categories.${c}`).toLowerCase()).join(', ')}`).join(' · ')
                  : '–'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

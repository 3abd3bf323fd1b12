import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { boligomraadeCategories, type Boligomraade, type BoligomraadeCategory } from '../../../../common/boligomraader.domain';
import { FilterSearch, FilterSelect } from '../../components/filters.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { useApiQuery } from '../../queries';
import { CategoryBadges } from './list-changes.component';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import './boligomraader.css';

const pageSize = 50;

/**
 * Boligområder: every area with its place on the chosen year's lists,
 * filtered by year, category and kommune, searched and paged in SQL
 * (boligomraader.list).
 */
export function BoligomraaderPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [year, setYear] = useState<number | undefined>(undefined);
  const [category, setCategory] = useState<BoligomraadeCategory | ''>('');
  const [kommuneId, setKommuneId] = useState<string | null>(null);
  const [onlyListed, setOnlyListed] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useApiQuery('boligomraader.list', { query: query || undefined, year, category: category || undefined, kommuneId: kommuneId ?? undefined, onlyListed: onlyListed || undefined, offset, limit: pageSize });
  const page = list.data;
  const filtered = Boolean(query || category || kommuneId || onlyListed);
  const reset = () => setOffset(0);
  return (
    <section>
      <PageHeader
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
      />
      <div className="filters" role="search">
        <FilterSearch label={t('boligomraader.search')} placeholder={t('boligomraader.searchPlaceholder')} value={query} onChange={(value) => (setQuery(value), reset())} />
        <select aria-label={t('boligomraader.year')} value={page?.year ?? ''} onChange={(e) => (setYear(e.target.value ? Number(e.target.value) : undefined), reset())} disabled={!page || page.years.length === 0}>
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
          onChange={(value) => (setCategory(value), reset())}
        />
        <KommuneSelect aria-label={t('boligomraader.columns.kommune')} value={kommuneId} onChange={(id) => (setKommuneId(id), reset())} emptyLabel={t('boligomraader.allKommuner')} />
        <label className="checkbox">
          <input type="checkbox" checked={onlyListed} onChange={(e) => (setOnlyListed(e.target.checked), reset())} /> {t('boligomraader.onlyListed')}
        </label>
      </div>
      {!page ? <QueryState isLoading={list.isLoading} error={list.error} /> : null}
      {page && page.items.length === 0 ? <p className="empty">{filtered ? t('boligomraader.noMatches') : t('boligomraader.none')}</p> : null}
      {page && page.items.length > 0 ? (
        <>
          <BoligomraadeTable items={page.items} year={page.year} showKommune />
          {page.total > pageSize ? (
            <div className="form-actions">
              <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
                {t('boligomraader.previous')}
              </button>
              <span className="muted">{t('boligomraader.pageOf', { from: offset + 1, to: Math.min(offset + pageSize, page.total), total: page.total })}</span>
              <button type="button" className="button button--secondary" disabled={offset + pageSize >= page.total} onClick={() => setOffset(offset + pageSize)}>
                {t('boligomraader.next')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
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

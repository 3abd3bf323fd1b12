import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { helhedsplanStatuses, type HelhedsplanStatus, type HelhedsplanSummary } from '../../../../common/helhedsplaner.domain';
import { danishDate } from '../../../../common/time';
import { FilterSearch, FilterSelect } from '../../components/filters.component';
import { PagedListPage, usePagedFilters } from '../../components/paged-list.page';
import { PeriodText } from '../../components/period.component';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import './helhedsplaner.css';

/** The Helhedsplaner list (issue 17): search, status filter and paging all run in SQL (helhedsplaner.list). */
export function HelhedsplanerPage() {
  const { t } = useTranslation();
  const { filters, setFilter, paging } = usePagedFilters<{ query: string; status: HelhedsplanStatus | '' }>({ query: '', status: '' });
  const { query, status } = filters;
  const list = useApiQuery('helhedsplaner.list', { query: query || undefined, status: status || undefined, offset: paging.offset, limit: paging.pageSize });
  const filtered = Boolean(query || status);
  const page = list.data;
  return (
    <PagedListPage
      title={t('helhedsplaner.title')}
      subtitle={page ? t('helhedsplaner.count', { count: page.total }) : t('helhedsplaner.subtitle')}
      actions={
        <>
          <SpreadsheetExportMenu what="helhedsplaner" />
          <Link href="/helhedsplaner/indsatsomraader" className="button button--secondary">
            {t('helhedsplaner.areasLink')}
          </Link>
          <Link href="/helhedsplaner/ny" className="button">
            {t('helhedsplaner.newHelhedsplan')}
          </Link>
        </>
      }
      filters={
        <>
          <FilterSearch label={t('helhedsplaner.search')} placeholder={t('helhedsplaner.searchPlaceholder')} value={query} onChange={(value) => setFilter('query', value)} />
          <FilterSelect<HelhedsplanStatus>
            label={t('helhedsplaner.fields.status')}
            value={status}
            allLabel={t('helhedsplaner.allStatuses')}
            options={helhedsplanStatuses.map((s) => ({ value: s, label: t(`helhedsplaner.statuses.${s}`) }))}
            onChange={(value) => setFilter('status', value)}
          />
        </>
      }
      list={list}
      paging={paging}
      filtered={filtered}
      noMatches={t('helhedsplaner.noMatches')}
      none={t('helhedsplaner.none')}
      table={(p) => <HelhedsplanTable items={p.items} showKommune />}
    />
  );
}

/** One table of helhedsplaner: the list page, the kommune page's and the organisation page's sections. */
export function HelhedsplanTable({ items, showKommune }: { readonly items: readonly HelhedsplanSummary[]; readonly showKommune: boolean }) {
  const { t } = useTranslation();
  const today = danishDate(new Date());
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('helhedsplaner.columns.name')}</th>
          {showKommune ? <th>{t('helhedsplaner.columns.kommune')}</th> : null}
          <th>{t('helhedsplaner.columns.areas')}</th>
          <th>{t('helhedsplaner.columns.period')}</th>
          <th>{t('helhedsplaner.columns.status')}</th>
          <th>{t('helhedsplaner.columns.nextDeadline')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((h) => (
          <tr key={h.id}>
            <td>
              <Link href={`/helhedsplaner/${h.id}`}>{h.name}</Link>
              {h.organisations.length > 0 ? <div className="muted">{h.organisations.map((o) => o.name).join(', ')}</div> : null}
            </td>
            {showKommune ? <td>{h.kommuneNavn ?? <span className="muted">–</span>}</td> : null}
            <td>{h.boligomraader.map((b) => b.name).join(', ') || <span className="muted">–</span>}</td>
            <td className="muted">
              <PeriodText from={h.fromDate} to={h.toDate} />
            </td>
            <td>
              <span className="badge">{t(`helhedsplaner.statuses.${h.status}`)}</span>
            </td>
            <td>
              {h.nextDeadline ? (
                <>
                  {h.nextDeadline.title || t(`helhedsplaner.deadlineKinds.${h.nextDeadline.kind}`)}
                  <br />
                  <span className={h.nextDeadline.date < today ? 'nowrap helhedsplan-overdue' : 'nowrap'}>
                    {formatDate(h.nextDeadline.date)}
                    {h.nextDeadline.date < today ? ` · ${t('helhedsplaner.overdue')}` : ''}
                  </span>
                </>
              ) : (
                <span className="muted">{t('helhedsplaner.noDeadline')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { helhedsplanStatuses, type HelhedsplanSummary } from '../../../../common/helhedsplaner.domain';
import { danishDate } from '../../../../common/time';
import { PagedListPage, useListFilters } from '../../components/paged-list.page';
import { PeriodText } from '../../components/period.component';
import { TableHead } from '../../components/fixed-table.component';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import './helhedsplaner.css';

/** The Helhedsplaner list (issue 17): search, status filter and paging all run in SQL (helhedsplaner.list). */
export function HelhedsplanerPage() {
  const { t } = useTranslation();
  const filters = useListFilters({
    query: { label: t('helhedsplaner.search'), placeholder: t('helhedsplaner.searchPlaceholder') },
    status: { label: t('helhedsplaner.fields.status'), allLabel: t('helhedsplaner.allStatuses'), values: helhedsplanStatuses, optionLabel: (s) => t(`helhedsplaner.statuses.${s}`) },
  });
  const list = useApiQuery('helhedsplaner.list', filters.input);
  return (
    <PagedListPage
      title={t('helhedsplaner.title')}
      subtitle={list.data ? t('helhedsplaner.count', { count: list.data.total }) : t('helhedsplaner.subtitle')}
      actions={
        <>
          <SpreadsheetExportMenu what="helhedsplaner" />
          <Link href="/helhedsplaner/indsatsomraader" className="button button--secondary">{t('helhedsplaner.areasLink')}</Link>
          <Link href="/helhedsplaner/ny" className="button">{t('helhedsplaner.newHelhedsplan')}</Link>
        </>
      }
      {...filters.bar}
      list={list}
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
  const columns = ['name', ...(showKommune ? ['kommune'] : []), 'areas', 'period', 'status', 'nextDeadline'];
  return (
    <table className="table">
      <TableHead headers={columns.map((c) => t(`helhedsplaner.columns.${c}`))} />
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

import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { aftaleKinds, aftaleStatuses, type Aftale } from '../../../../common/aftaler.domain';
import { PagedListPage, useListFilters } from '../../components/paged-list.page';
import { PeriodText } from '../../components/period.component';
import { TableHead } from '../../components/fixed-table.component';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';

/** The Aftaler list: search, kind and status filters and paging all run in SQL (aftaler.list). */
export function AftalerPage() {
  const { t } = useTranslation();
  const filters = useListFilters({
    query: { label: t('aftaler.search'), placeholder: t('aftaler.searchPlaceholder') },
    kind: { label: t('aftaler.fields.kind'), allLabel: t('aftaler.allKinds'), values: aftaleKinds, optionLabel: (k) => t(`aftaler.kinds.${k}`) },
    status: { label: t('aftaler.fields.status'), allLabel: t('aftaler.allStatuses'), values: aftaleStatuses, optionLabel: (s) => t(`aftaler.statuses.${s}`) },
  });
  const list = useApiQuery('aftaler.list', filters.input);
  return (
    <PagedListPage
      title={t('aftaler.title')}
      subtitle={list.data ? t('aftaler.count', { count: list.data.total }) : t('aftaler.subtitle')}
      actions={
        <>
          <SpreadsheetExportMenu what="aftaler" />
          <Link href="/aftaler/ny" className="button">{t('aftaler.newAftale')}</Link>
        </>
      }
      {...filters.bar}
      list={list}
      noMatches={t('aftaler.noMatches')}
      none={t('aftaler.none')}
      table={(p) => <AftaleTable items={p.items} showKommune />}
    />
  );
}

/** One table of aftaler: the list page and the kommune page's section. */
export function AftaleTable({ items, showKommune }: { readonly items: readonly Aftale[]; readonly showKommune: boolean }) {
  const { t } = useTranslation();
  const columns = ['title', 'kind', ...(showKommune ? ['kommune'] : []), 'parties', 'period', 'status', 'nextDeadline'];
  return (
    <table className="table">
      <TableHead headers={columns.map((c) => t(`aftaler.columns.${c}`))} />
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>
              <Link href={`/aftaler/${a.id}`}>{a.title}</Link>
            </td>
            <td className="muted">{t(`aftaler.kinds.${a.kind}`)}</td>
            {showKommune ? <td>{a.kommuneNavn ?? <span className="muted">–</span>}</td> : null}
            <td>{a.organisations.map((o) => o.name).join(', ') || <span className="muted">–</span>}</td>
            <td className="muted">
              <PeriodText from={a.fromDate} to={a.toDate} />
            </td>
            <td>
              <span className="badge">{t(`aftaler.statuses.${a.status}`)}</span>
            </td>
            <td>
              {/* What the deadline is above its date, so the table fits 1366 px without a horizontal scrollbar. */}
              {a.nextDeadline ? (
                <>
                  {t(`aftaler.deadlines.${a.nextDeadline.kind}`)}
                  <br />
                  <span className="nowrap">{formatDate(a.nextDeadline.date)}</span>
                </>
              ) : (
                <span className="muted">{t('aftaler.noDeadline')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { aftaleKinds, aftaleStatuses, type Aftale, type AftaleKind, type AftaleStatus } from '../../../../common/aftaler.domain';
import { PageHeader, QueryState } from '../../components/page.component';
import { Pager } from '../../components/pager.component';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import { FilterSearch, FilterSelect } from '../../components/filters.component';

const pageSize = 50;

/** The Aftaler list: search, kind and status filters and paging all run in SQL (aftaler.list). */
export function AftalerPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<AftaleKind | ''>('');
  const [status, setStatus] = useState<AftaleStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const list = useApiQuery('aftaler.list', { query: query || undefined, kind: kind || undefined, status: status || undefined, offset, limit: pageSize });
  const filtered = Boolean(query || kind || status);
  const page = list.data;
  return (
    <section>
      <PageHeader
        title={t('aftaler.title')}
        subtitle={page ? t('aftaler.count', { count: page.total }) : t('aftaler.subtitle')}
        actions={
          <>
            <SpreadsheetExportMenu what="aftaler" />
            <Link href="/aftaler/ny" className="button">
              {t('aftaler.newAftale')}
            </Link>
          </>
        }
      />
      <div className="filters" role="search">
        <FilterSearch label={t('aftaler.search')} placeholder={t('aftaler.searchPlaceholder')} value={query} onChange={(value) => (setQuery(value), setOffset(0))} />
        <FilterSelect<AftaleKind>
          label={t('aftaler.fields.kind')}
          value={kind}
          allLabel={t('aftaler.allKinds')}
          options={aftaleKinds.map((k) => ({ value: k, label: t(`aftaler.kinds.${k}`) }))}
          onChange={(value) => (setKind(value), setOffset(0))}
        />
        <FilterSelect<AftaleStatus>
          label={t('aftaler.fields.status')}
          value={status}
          allLabel={t('aftaler.allStatuses')}
          options={aftaleStatuses.map((s) => ({ value: s, label: t(`aftaler.statuses.${s}`) }))}
          onChange={(value) => (setStatus(value), setOffset(0))}
        />
      </div>
      {!page ? <QueryState isLoading={list.isLoading} error={list.error} /> : null}
      {page && page.items.length === 0 ? <p className="empty">{filtered ? t('aftaler.noMatches') : t('aftaler.none')}</p> : null}
      {page && page.items.length > 0 ? (
        <>
          <AftaleTable items={page.items} showKommune />
          <Pager offset={offset} pageSize={pageSize} total={page.total} onOffset={setOffset} />
        </>
      ) : null}
    </section>
  );
}

/** One table of aftaler: the list page and the kommune page's section. */
export function AftaleTable({ items, showKommune }: { readonly items: readonly Aftale[]; readonly showKommune: boolean }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('aftaler.columns.title')}</th>
          <th>{t('aftaler.columns.kind')}</th>
          {showKommune ? <th>{t('aftaler.columns.kommune')}</th> : null}
          <th>{t('aftaler.columns.parties')}</th>
          <th>{t('aftaler.columns.period')}</th>
          <th>{t('aftaler.columns.status')}</th>
          <th>{t('aftaler.columns.nextDeadline')}</th>
        </tr>
      </thead>
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
              {/* Each date kept whole: the column wraps between them, never inside one. */}
              {a.fromDate || a.toDate ? (
                <>
                  <span className="nowrap">{a.fromDate ? formatDate(a.fromDate) : '…'} –</span> <span className="nowrap">{a.toDate ? formatDate(a.toDate) : '…'}</span>
                </>
              ) : (
                '–'
              )}
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

import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { organisationKinds, type OrganisationKind } from '../../../../common/domain';
import { call } from '../../api';
import { MoreMenu } from '../../components/more-menu.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { VirtualRows } from '../../components/virtual-rows.component';
import { usePagedList } from '../../components/virtual-rows.paging';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import { DuplicatesLink } from '../duplicates/duplicates-link.component';
import { FilterSearch, FilterSelect } from '../../components/filters.component';

/** Organisations are loaded a page at a time (Danish order by SQL), and only visible rows are in the DOM. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const deferredQuery = useDeferredValue(query);
  const filter = { query: deferredQuery || undefined, kind: kind || undefined };
  const organisations = usePagedList(['organisations.page', filter], (page) => call('organisations.page', { ...filter, ...page }));
  const list = organisations.rows;
  const filtered = Boolean(deferredQuery || kind);
  return (
    <section>
      <PageHeader
        title={t('organisations.title')}
        subtitle={organisations.loaded ? t('organisations.count', { count: organisations.total }) : undefined}
        actions={
          <>
            <DuplicatesLink table="organisation" />
            <MoreMenu label={t('common.export')}>
              <SpreadsheetExportMenu what="organisations" />
            </MoreMenu>
            <Link href="/organisationer/ny" className="button">
              {t('organisations.new')}
            </Link>
          </>
        }
      />
      <div className="filters" role="search">
        <FilterSearch label={t('organisations.filterPlaceholder')} value={query} onChange={setQuery} />
        <FilterSelect<OrganisationKind>
          label={t('common.kind')}
          value={kind}
          allLabel={t('organisations.allKinds')}
          options={organisationKinds.map((k) => ({ value: k, label: t(`kinds.organisation.${k}`) }))}
          onChange={setKind}
        />
      </div>
      <QueryState isLoading={organisations.isLoading} error={organisations.error} />
      {organisations.loaded && list.length === 0 ? <p className="empty">{filtered ? t('organisations.noMatch') : t('organisations.empty')}</p> : null}
      {list.length > 0 ? (
        <table className="table table--fixed">
          <colgroup><col style={{ width: '40%' }} /><col style={{ width: '20%' }} /><col style={{ width: '40%' }} /></colgroup>
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('common.kind')}</th>
              <th>{t('organisations.linkedKommuner')}</th>
            </tr>
          </thead>
          <VirtualRows
            items={list}
            onVisibleEnd={organisations.onVisibleEnd}
            columns={3}
            rowKey={(o) => o.id}
            renderRow={(o) => (
              <>
                <td>
                  <Link href={`/organisationer/${o.id}`}>{o.name}</Link>
                </td>
                <td>
                  <span className="badge">{t(`kinds.organisation.${o.kind}`)}</span>
                </td>
                <td className="muted">{o.kommuner.map((k) => k.navn).join(', ')}</td>
              </>
            )}
          />
        </table>
      ) : null}
    </section>
  );
}

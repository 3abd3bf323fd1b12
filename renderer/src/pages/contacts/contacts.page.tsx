import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { MoreMenu } from '../../components/more-menu.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { VirtualRows } from '../../components/virtual-rows.component';
import { usePagedList } from '../../components/virtual-rows.paging';
import { call } from '../../api';
import { DuplicatesLink } from '../duplicates/duplicates-link.component';
import { SpreadsheetExportMenu, VcardExportButtons } from '../contact-files/export-menu.component';
import { FilterSearch } from '../../components/filters.component';

/** Contacts are loaded a page at a time (sorted by SQL), and only visible rows are in the DOM. */
export function ContactsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const contacts = usePagedList(['contacts.page', deferredQuery], (page) => call('contacts.page', { query: deferredQuery || undefined, ...page }));
  const list = contacts.rows;
  return (
    <section>
      <PageHeader
        title={t('contacts.title')}
        subtitle={contacts.loaded ? t('contacts.count', { count: contacts.total }) : undefined}
        actions={
          <>
            <DuplicatesLink table="contact" />
            <Link href="/kontakter/import" className="button button--secondary">
              {t('contactFiles.importLink')}
            </Link>
            <MoreMenu label={t('common.export')}>
              <SpreadsheetExportMenu what="contacts" caption={t('contactFiles.exportContactsCaption')} />
              <VcardExportButtons />
              <SpreadsheetExportMenu what="contactLog" caption={t('contactFiles.exportContactLogCaption')} />
            </MoreMenu>
            <Link href="/kontakter/ny" className="button">
              {t('contacts.new')}
            </Link>
          </>
        }
      />
      <div className="filters" role="search">
        <FilterSearch label={t('contacts.filterPlaceholder')} value={query} onChange={setQuery} />
      </div>
      <QueryState isLoading={contacts.isLoading} error={contacts.error} />
      {contacts.loaded && list.length === 0 ? <p className="empty">{deferredQuery ? t('contacts.noMatch') : t('contacts.empty')}</p> : null}
      {list.length > 0 ? (
        <table className="table table--fixed">
          <colgroup><col style={{ width: '23%' }} /><col style={{ width: '31%' }} /><col style={{ width: '31%' }} /><col style={{ width: '15%' }} /></colgroup>
          <thead>
            <tr>
              <th>{t('contacts.columns.name')}</th>
              <th>{t('contacts.columns.roles')}</th>
              <th>{t('contacts.columns.email')}</th>
              <th>{t('contacts.columns.phone')}</th>
            </tr>
          </thead>
          <VirtualRows
            items={list}
            onVisibleEnd={contacts.onVisibleEnd}
            columns={4}
            rowKey={(c) => c.id}
            renderRow={(c) => (
              <>
                <td>
                  <Link href={`/kontakter/${c.id}`}>{c.name}</Link>
                </td>
                <td className="muted">{c.currentRoles.join(' · ')}</td>
                <td className="ellipsis" title={c.primaryEmail ?? undefined}>
                  {c.primaryEmail ? <a href={`mailto:${c.primaryEmail}`}>{c.primaryEmail}</a> : null}
                </td>
                <td className="nowrap">{c.primaryPhone}</td>
              </>
            )}
          />
        </table>
      ) : null}
    </section>
  );
}

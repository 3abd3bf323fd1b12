import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { MoreMenu } from '../../components/more-menu.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { VirtualRows } from '../../components/virtual-rows.component';
import { call } from '../../api';
import { useApiQuery } from '../../queries';
import { SpreadsheetExportMenu, VcardExportButtons } from '../contact-files/export-menu.component';


/** Contacts are loaded a page at a time (sorted by SQL), and only visible rows are in the DOM. */
const PAGE = 200;

export function ContactsPage() {
  const { t } = useTranslation();
  const duplicates = useApiQuery('duplicates.list', { table: 'contact' });
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const contacts = useInfiniteQuery({
    queryKey: ['contacts.page', deferredQuery],
    queryFn: ({ pageParam }) => call('contacts.page', { query: deferredQuery || undefined, offset: pageParam, limit: PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
  const list = useMemo(() => contacts.data?.pages.flatMap((p) => p.rows) ?? [], [contacts.data]);
  const total = contacts.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = contacts;
  // Load the next page while the user is still a screen or two away from the end.
  const onVisibleEnd = useCallback(
    (lastIndex: number) => {
      if (hasNextPage && !isFetchingNextPage && lastIndex >= list.length - 60) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage, list.length],
  );
  return (
    <section>
      <PageHeader
        title={t('contacts.title')}
        subtitle={contacts.data ? t('contacts.count', { count: total }) : undefined}
        actions={
          <>
            {duplicates.data && duplicates.data.length > 0 ? (
              <Link href="/dubletter" className="button button--secondary">
                {t('duplicates.link')} ({duplicates.data.length})
              </Link>
            ) : null}
            <Link href="/kontakter/import" className="button button--secondary">
              {t('contactFiles.importLink')}
            </Link>
            <MoreMenu label={t('common.export')}>
              <SpreadsheetExportMenu what="contacts" />
              <VcardExportButtons />
            </MoreMenu>
            <Link href="/kontakter/ny" className="button">
              {t('contacts.new')}
            </Link>
          </>
        }
      />
      <div className="filters" role="search">
        <input
          type="search"
          className="filters__query"
          placeholder={t('contacts.filterPlaceholder')}
          aria-label={t('contacts.filterPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <QueryState isLoading={contacts.isLoading} error={contacts.error} />
      {contacts.data && list.length === 0 ? <p className="empty">{deferredQuery ? t('contacts.noMatch') : t('contacts.empty')}</p> : null}
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
            onVisibleEnd={onVisibleEnd}
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

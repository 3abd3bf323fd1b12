import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../common/contract';
import { call } from '../api';
import { formatMeetingTime } from '../format';
import { HistoryValue } from './history-values';
import { QueryState } from './page.component';

type HistoryTable = ChannelInput<'sync.history'>['table'];

/** Changes per page: a record edited thousands of times shows the newest, and "Vis ældre" fetches more. */
const PAGE = 50;

/** "Historik": a record's changes from the operation log, newest first, loaded a page at a time when opened. */
export function HistoryPanel({ table, id }: { readonly table: HistoryTable; readonly id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useInfiniteQuery({
    queryKey: ['sync.history', table, id],
    queryFn: ({ pageParam }) => call('sync.history', { table, id, before: pageParam ?? undefined, limit: PAGE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: open,
  });
  const entries = history.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <details className="card history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>{t('history.title')}</h2>
      </summary>
      {open ? <QueryState isLoading={history.isLoading} error={history.error} /> : null}
      <ol className="history__list">
        {entries.map((entry) => (
          <li key={entry.hlc}>
            <p className="muted">
              {formatMeetingTime(entry.at, null)} · {entry.mine ? t('history.here', { name: entry.installationName }) : entry.installationName}
            </p>
            {entry.changes.every((c) => c.before === null) ? <p>{t('history.created')}</p> : null}
            <ul>
              {entry.changes
                .filter((c) => !(c.before === null && (c.after === null || c.after === '')))
                .map((c) => (
                  <li key={c.field}>
                    {c.field === 'deleted_at' ? (
                      c.after === null ? t('history.restored') : t('history.deleted')
                    ) : (
                      <>
                        <strong>{t(`sync.fields.${c.field}`, { defaultValue: c.field })}</strong>:{' '}
                        {c.before === null ? null : (
                          <>
                            <del>
                              <HistoryValue field={c.field} value={c.before} empty={t('sync.empty')} />
                            </del>{' '}
                            →{' '}
                          </>
                        )}
                        <ins>
                          <HistoryValue field={c.field} value={c.after} empty={t('sync.empty')} />
                        </ins>
                      </>
                    )}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
      {history.hasNextPage ? (
        <button type="button" className="button button--secondary" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {history.isFetchingNextPage ? t('common.loading') : t('history.older')}
        </button>
      ) : null}
    </details>
  );
}

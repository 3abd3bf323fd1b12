import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { MeetingStatus } from '../../../../../common/domain';
import { timelineKinds, type TimelineEvent, type TimelineKind, type TimelineScope } from '../../../../../common/relationships.domain';
import { danishDate } from '../../../../../common/time';
import { call } from '../../../api';
import { QueryState } from '../../../components/page.component';
import { MeetingStatusBadge } from '../../../components/status-badge.component';
import { VirtualRows } from '../../../components/virtual-rows.component';
import { formatDate, formatInstantDate } from '../../../format';

const pageSize = 50;
/** Load the next page while the user is this many rows from the end of what is loaded. */
const lookAhead = 20;
const firstYear = 2010;

/**
 * "Tidslinje": every meeting, decision, follow-up, role change and logged
 * contact of a kommune, organisation or person, newest first, filtered by
 * kind and year — paged in SQL by keyset (relationships.timeline) and
 * virtualised, so ten years of a busy kommune keep a screenful of rows in
 * the page.
 */
export function TimelineSection({ scope, title }: { readonly scope: TimelineScope; readonly title?: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const [year, setYear] = useState<number | null>(null);
  const thisYear = Number(danishDate(new Date()).slice(0, 4));
  const query = useInfiniteQuery({
    queryKey: ['relationships.timeline', scope, kind, year],
    queryFn: ({ pageParam }) => call('relationships.timeline', { scope, kinds: kind ? [kind] : undefined, year, after: pageParam, limit: pageSize }),
    initialPageParam: null as null | { at: string; key: string },
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const events = useMemo(() => query.data?.pages.flatMap((p) => p.events) ?? [], [query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const onVisibleEnd = useCallback(
    (lastIndex: number) => {
      if (hasNextPage && !isFetchingNextPage && lastIndex >= events.length - lookAhead) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage, events.length],
  );

  return (
    <section className="card hub-card hub-timeline" aria-labelledby="hub-timeline">
      <div className="card__header">
        <h2 id="hub-timeline">{title ?? t('rel.timeline')}</h2>
        <div className="hub-timeline__filters">
          <label>
            <span className="visually-hidden">{t('rel.kindFilter')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | '')} aria-label={t('rel.kindFilter')}>
              <option value="">{t('rel.allKinds')}</option>
              {timelineKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`rel.kind_${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="visually-hidden">{t('rel.yearFilter')}</span>
            <select value={year ?? ''} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)} aria-label={t('rel.yearFilter')}>
              <option value="">{t('rel.allYears')}</option>
              {Array.from({ length: thisYear + 1 - firstYear + 1 }, (_, i) => thisYear + 1 - i).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <QueryState isLoading={query.isLoading} error={query.error} />
      {query.data && events.length === 0 ? <p className="empty">{t('rel.noEvents')}</p> : null}
      {events.length > 0 ? (
        <table className="table table--compact hub-timeline__table">
          <thead>
            <tr>
              <th scope="col">{t('rel.colWhen')}</th>
              <th scope="col">{t('rel.kindFilter')}</th>
              <th scope="col">{t('rel.colWhat')}</th>
              <th scope="col">{t('rel.colDetail')}</th>
            </tr>
          </thead>
          <VirtualRows items={events} rowKey={(e) => e.key} columns={4} estimateRowHeight={38} onVisibleEnd={onVisibleEnd} rowClassName={(e) => `timeline-row timeline-row--${e.kind}`} renderRow={(e) => <EventCells event={e} />} />
        </table>
      ) : null}
      {isFetchingNextPage ? <p className="muted">{t('rel.loadingMore')}</p> : null}
    </section>
  );
}

function EventCells({ event: e }: { readonly event: TimelineEvent }) {
  const { t } = useTranslation();
  const title = e.title || (e.kind === 'contact_log' ? t(`rel.contactKind_${e.what}`, { defaultValue: e.what }) : '');
  return (
    <>
      <td className="timeline-row__when">{formatInstantDate(e.at)}</td>
      <td>
        <span className={`timeline-kind timeline-kind--${e.kind}`}>{t(`rel.kind_${e.kind}`)}</span>
      </td>
      <td className="timeline-row__what">
        {e.href ? <Link href={e.href}>{title}</Link> : title} <What event={e} />
      </td>
      <td className="timeline-row__detail muted">{detail(e, t)}</td>
    </>
  );
}

function What({ event: e }: { readonly event: TimelineEvent }) {
  const { t } = useTranslation();
  if (e.kind === 'meeting' && (e.what === 'planlagt' || e.what === 'afholdt' || e.what === 'aflyst')) return e.what === 'planlagt' ? null : <MeetingStatusBadge status={e.what as MeetingStatus} />;
  if (e.kind === 'meeting') return <span className="badge">{t(`rel.attendance_${e.what}`, { defaultValue: e.what })}</span>;
  if (e.kind === 'role') return <span className="badge">{t(`rel.what_${e.what}`, { defaultValue: e.what })}</span>;
  if (e.kind === 'follow_up') return <span className="badge">{e.what === 'closed' || e.what === 'changed' ? t(`rel.what_${e.what}`) : t(`followUps.status.${e.what}`, { defaultValue: e.what })}</span>;
  if (e.kind === 'contact_log') return <span className="badge">{t(`rel.contactKind_${e.what}`, { defaultValue: e.what })}</span>;
  return null;
}

function detail(e: TimelineEvent, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (e.kind === 'follow_up' && (e.what === 'closed' || e.what === 'changed')) return t(`followUps.status.${e.detail}`, { defaultValue: e.detail });
  if (e.kind === 'follow_up' && /^\d{4}-\d{2}-\d{2}$/.test(e.detail)) return `${t('followUps.columns.due', { defaultValue: 'Frist' })} ${formatDate(e.detail)}`;
  return e.detail;
}

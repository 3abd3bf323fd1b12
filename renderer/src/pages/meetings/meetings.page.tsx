import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MoreMenu } from '../../components/more-menu.component';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import { Link } from 'wouter';
import type { MeetingSummary } from '../../../../common/meetings.domain';
import { PageHeader, QueryState } from '../../components/page.component';
import { formatMeetingTime } from '../../format';
import { useApiQuery } from '../../queries';

export function MeetingsPage() {
  const { t } = useTranslation();
  const now = useMemo(() => new Date(), []);
  const upcoming = useApiQuery('meetings.list', { from: now.toISOString(), limit: 200 });
  const recent = useApiQuery('meetings.list', { from: new Date(now.getTime() - 120 * 86_400_000).toISOString(), to: now.toISOString() });
  return (
    <section>
      <PageHeader
        title={t('meetings.title')}
        actions={
          <>
            <MoreMenu label={t('common.export')}>
              <SpreadsheetExportMenu what="meetings" />
            </MoreMenu>
            <Link href="/kalender" className="button button--secondary">
              {t('meetings.calendar')}
            </Link>
            <Link href="/moederaekker" className="button button--secondary">
              {t('meetings.series')}
            </Link>
            <Link href="/moeder/ny" className="button">
              {t('meetings.new')}
            </Link>
          </>
        }
      />
      <div className="card">
        <h2>{t('meetings.upcoming')}</h2>
        <QueryState isLoading={upcoming.isLoading} error={upcoming.error} />
        {upcoming.data ? <MeetingList meetings={upcoming.data} empty={t('meetings.noUpcoming')} /> : null}
      </div>
      <div className="card">
        <h2>{t('meetings.recent')}</h2>
        {recent.data ? <MeetingList meetings={[...recent.data].reverse()} empty={t('meetings.noRecent')} /> : null}
      </div>
    </section>
  );
}

export function MeetingList({ meetings, empty }: { readonly meetings: readonly MeetingSummary[]; readonly empty: string }) {
  const { t } = useTranslation();
  if (meetings.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="meeting-list">
      {meetings.map((m) => (
        <li key={m.id} className={`meeting-line meeting-line--${m.status}`}>
          <span className="meeting-line__time">{formatMeetingTime(m.startsAt, m.endsAt)}</span>
          <Link href={`/moeder/${m.id}`} className="meeting-line__title">
            {m.title}
          </Link>
          <span className="muted">{[m.kommune?.name, m.place].filter(Boolean).join(' · ')}</span>
          {m.status !== 'planlagt' ? <span className={`badge badge--${m.status}`}>{t(`meetings.status.${m.status}`)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

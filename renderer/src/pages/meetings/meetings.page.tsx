import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { MoreMenu } from '../../components/more-menu.component';
import { SpreadsheetExportMenu } from '../contact-files/export-menu.component';
import { Link } from 'wouter';
import { meetingStatuses, type MeetingStatus } from '../../../../common/domain';
import { PageHeader, QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { VirtualRows } from '../../components/virtual-rows.component';
import { usePagedList } from '../../components/virtual-rows.paging';
import { formatMeetingTime } from '../../format';
import { MeetingStatusBadge } from '../../components/status-badge.component';
import { FilterSelect } from '../../components/filters.component';

type When = 'upcoming' | 'earlier';

/**
 * Møder: upcoming meetings soonest first, or earlier ones latest first —
 * loaded a page at a time (ordered and filtered by SQL), only visible rows in the DOM.
 */
export function MeetingsPage() {
  const { t } = useTranslation();
  const now = useMemo(() => new Date().toISOString(), []);
  const [when, setWhen] = useState<When>('upcoming');
  const [kommuneId, setKommuneId] = useState<string | null>(null);
  const [status, setStatus] = useState<MeetingStatus | ''>('');
  const filter = { kommuneId: kommuneId ?? undefined, status: status || undefined, ...(when === 'upcoming' ? { from: now, order: 'asc' as const } : { to: now, order: 'desc' as const }) };
  const meetings = usePagedList(['meetings.page', filter], (page) => call('meetings.page', { ...filter, ...page }));
  const filtered = Boolean(kommuneId || status);
  return (
    <section>
      <PageHeader
        title={t('meetings.title')}
        subtitle={meetings.loaded ? t('meetings.count', { count: meetings.total }) : undefined}
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
      <div className="filters" role="search">
        <div className="segmented" role="group" aria-label={t('meetings.when')}>
          {(['upcoming', 'earlier'] as const).map((w) => (
            <button key={w} type="button" aria-pressed={when === w} onClick={() => setWhen(w)}>
              {t(`meetings.${w}`)}
            </button>
          ))}
        </div>
        <KommuneSelect aria-label={t('common.kommune')} value={kommuneId} onChange={setKommuneId} emptyLabel={t('meetings.allKommuner')} />
        <FilterSelect<MeetingStatus>
          label={t('meetings.fields.status')}
          value={status}
          allLabel={t('meetings.allStatuses')}
          options={meetingStatuses.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          onChange={setStatus}
        />
      </div>
      <QueryState isLoading={meetings.isLoading} error={meetings.error} />
      {meetings.loaded && meetings.rows.length === 0 ? (
        <p className="empty">{filtered ? t('meetings.noMatch') : when === 'upcoming' ? t('meetings.noUpcoming') : t('meetings.noEarlier')}</p>
      ) : null}
      {meetings.rows.length > 0 ? (
        <table className="table table--fixed">
          <colgroup><col style={{ width: '27%' }} /><col style={{ width: '35%' }} /><col style={{ width: '26%' }} /><col style={{ width: '12%' }} /></colgroup>
          <thead>
            <tr>
              <th>{t('meetings.columns.time')}</th>
              <th>{t('meetings.fields.title')}</th>
              <th>{t('meetings.columns.where')}</th>
              <th>{t('meetings.fields.status')}</th>
            </tr>
          </thead>
          <VirtualRows
            items={meetings.rows}
            onVisibleEnd={meetings.onVisibleEnd}
            columns={4}
            rowKey={(m) => m.id}
            renderRow={(m) => (
              <>
                <td>{formatMeetingTime(m.startsAt, m.endsAt)}</td>
                <td>
                  <Link href={`/moeder/${m.id}`}>{m.title}</Link>
                </td>
                <td className="muted">{[m.kommune?.name, m.place].filter(Boolean).join(' · ')}</td>
                <td>{m.status !== 'planlagt' ? <MeetingStatusBadge status={m.status} /> : <span className="muted">{t('meetings.status.planlagt')}</span>}</td>
              </>
            )}
          />
        </table>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { describeError } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { HistoryPanel } from '../../components/history.component';
import { MoreMenu } from '../../components/more-menu.component';
import { useToast } from '../../components/toast.component';
import { DeletedBanner, useTombstone } from '../../components/tombstone.component';
import { formatMeetingTime } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { MeetingCalendarButton } from '../calendar-files/calendar-buttons.component';
import { FollowUpRows } from '../follow-ups/follow-up-list.component';
import { ReferatExportDialog } from '../referat-export/referat-export.dialog';
import { AgendaEditor } from './agenda-editor.component';
import { AttendancePanel } from './attendance.component';
import { MeetingEditForm } from './meeting-form.page';
import { MeetingStatusBadge } from '../../components/status-badge.component';

export function MeetingPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const meeting = useApiQuery('meetings.get', { id });
  const close = useApiMutation('meetings.close');
  const update = useApiMutation('meetings.update');
  const tombstone = useTombstone({ remove: 'meetings.delete', restore: 'meetings.restore' });
  const m = meeting.data;
  if (!m) return <QueryState isLoading={meeting.isLoading} error={meeting.error} />;
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const live = m.deletedAt === null;
  // A meeting that has not begun is marked afholdt only after a question (the same one as in referat mode).
  const inFuture = Date.parse(m.startsAt) > Date.now();
  const doClose = () => {
    setConfirmingClose(false);
    close.mutate({ id }, { onSuccess: () => toast.show(t('meetings.closed')), onError });
  };

  return (
    <section>
      <PageHeader
        title={m.title}
        subtitle={
          <>
            {formatMeetingTime(m.startsAt, m.endsAt)}
            {m.place ? ` · ${m.place}` : ''}
            {m.kommune ? (
              <>
                {' · '}
                <Link href={`/kommuner/${m.kommune.id}`}>{m.kommune.name}</Link>
                {m.regionNavn ? ` (${m.regionNavn})` : ''}
              </>
            ) : null}
            {m.series ? (
              <>
                {' · '}
                <Link href={`/moederaekker/${m.series.id}`}>{m.series.title}</Link>
              </>
            ) : null}{' '}
            <MeetingStatusBadge status={m.status} />
          </>
        }
        actions={
          live ? (
            <>
              <Link href={`/moeder/${m.id}/referat`} className="button">
                {t('meetings.referatMode')}
              </Link>
              <button type="button" className="button button--secondary" onClick={() => setExporting(true)}>
                {t('meetings.exportReferat')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              {m.status === 'planlagt' ? (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={inFuture ? confirmingClose : undefined}
                  disabled={close.isPending}
                  onClick={() => (inFuture ? setConfirmingClose(!confirmingClose) : doClose())}
                >
                  {t('meetings.close')}
                </button>
              ) : null}
              <MoreMenu label={t('common.more')}>
                <MeetingCalendarButton meetingId={m.id} />
                {m.status === 'planlagt' ? (
                  <button type="button" className="button button--secondary" onClick={() => update.mutate({ id, status: 'aflyst' }, { onError })}>
                    {t('meetings.cancelMeeting')}
                  </button>
                ) : null}
                <button type="button" className="button button--danger" onClick={() => tombstone.doDelete(id, t('meetings.deleted', { title: m.title }))}>
                  {t('common.delete')}
                </button>
              </MoreMenu>
            </>
          ) : null
        }
      />
      {!live ? <DeletedBanner onRestore={() => tombstone.doRestore(id)} /> : null}
      {confirmingClose && live && m.status === 'planlagt' ? (
        <div role="group" aria-label={t('referat.confirmFutureTitle')} className="notice notice--warning">
          <p>{t('referat.confirmFuture', { when: formatMeetingTime(m.startsAt, m.endsAt) })}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={close.isPending} onClick={doClose}>
              {t('referat.confirmClose')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmingClose(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {editing ? <MeetingEditForm meeting={m} onDone={() => setEditing(false)} /> : null}
      {exporting ? <ReferatExportDialog meetingId={m.id} onClose={() => setExporting(false)} /> : null}
      <div className="grid-2 grid-2--wide-left">
        <div className="card">
          <h2>{t('meetings.agenda')}</h2>
          <AgendaEditor meetingId={m.id} items={m.agenda} editable={live} />
        </div>
        <div className="card">
          <h2>{t('meetings.attendance')}</h2>
          <AttendancePanel meetingId={m.id} attendance={m.attendance} />
        </div>
      </div>
      {m.series ? (
        <div className="card">
          <h2>{t('meetings.carried')}</h2>
          {m.carriedFollowUps.length === 0 ? <p className="empty">{t('meetings.noCarried')}</p> : <FollowUpRows followUps={m.carriedFollowUps} closingMeetingId={m.id} />}
        </div>
      ) : null}
      <div className="card">
        <h2>{t('meetings.followUpsHere')}</h2>
        {m.followUps.length === 0 ? <p className="empty">–</p> : <FollowUpRows followUps={m.followUps} />}
      </div>
      <HistoryPanel table="meeting" id={m.id} />
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { attendanceRoles, attendanceStatuses, type AttendanceRole, type AttendanceStatus } from '../../../../common/domain';
import type { Attendance } from '../../../../common/meetings.domain';
import { describeError } from '../../api';
import { ContactAdder } from '../../components/pickers.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation } from '../../queries';

/** Who was invited, who came, who sent afbud, and who chaired and took the minutes. */
export function AttendancePanel({ meetingId, attendance }: { readonly meetingId: string; readonly attendance: readonly Attendance[] }) {
  const { t } = useTranslation();
  const toast = useToast();
  const set = useApiMutation('attendance.set');
  const remove = useApiMutation('attendance.remove');
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const update = (a: Pick<Attendance, 'contactId' | 'status' | 'role'>) => set.mutate({ meetingId, contactId: a.contactId, status: a.status, role: a.role }, { onError });
  return (
    <div>
      {attendance.length === 0 ? <p className="empty">{t('meetings.noAttendance')}</p> : null}
      <ul className="attendance">
        {attendance.map((a) => (
          <li key={a.id} className={`attendance__row attendance__row--${a.status}`}>
            <span className="attendance__who">
              <strong>{a.contactName}</strong>
              {a.roleLine ? <span className="muted"> · {a.roleLine}</span> : null}
            </span>
            <select aria-label={`${t('meetings.fields.status')}: ${a.contactName}`} value={a.status} onChange={(e) => update({ ...a, status: e.target.value as AttendanceStatus })}>
              {attendanceStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`meetings.attendanceStatus.${s}`)}
                </option>
              ))}
            </select>
            <select aria-label={`${t('meetings.attendanceRole.none')}: ${a.contactName}`} value={a.role ?? ''} onChange={(e) => update({ ...a, role: (e.target.value || null) as AttendanceRole | null })}>
              <option value="">{t('meetings.attendanceRole.none')}</option>
              {attendanceRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`meetings.attendanceRole.${r}`)}
                </option>
              ))}
            </select>
            <button type="button" className="icon-button" aria-label={`${t('common.remove')}: ${a.contactName}`} onClick={() => remove.mutate({ meetingId, contactId: a.contactId }, { onError })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <ContactAdder exclude={attendance.map((a) => a.contactId)} onAdd={(contactId) => update({ contactId, status: 'inviteret', role: null })} label={t('meetings.addInvitee')} />
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { describeError } from '../../api';
import { LastContact } from '../../components/last-contact.component';
import { useToast } from '../../components/toast.component';
import { formatDate, formatInstantDate } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { FollowUpRows } from '../follow-ups/follow-up-list.component';
import { TimelineSection } from '../kommuner/hub/timeline.section';
import '../kommuner/hub/hub.css';

/**
 * The contact page's relationship view (issue 16): last contact and "hold
 * kontakten", the kontaktlog, meetings (deltog, afbud, inviteret), the
 * follow-ups the person owns, and their timeline. Roles over time are the
 * roles card above it.
 */
export function ContactRelations({ contactId }: { readonly contactId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const relations = useApiQuery('relationships.contact', { id: contactId });
  const setKeep = useApiMutation('relationships.setKeepInTouch');
  const [months, setMonths] = useState('');
  const r = relations.data;
  useEffect(() => setMonths(r?.keepInTouchMonths ? String(r.keepInTouchMonths) : ''), [r?.keepInTouchMonths]);
  if (!r) return null;
  const saveKeep = () => {
    const value = months.trim() === '' ? null : Number(months);
    if (value === (r.keepInTouchMonths ?? null)) return;
    setKeep.mutate(
      { contactId, months: value },
      { onSuccess: () => toast.show(t('rel.keepInTouchSaved')), onError: (error) => toast.show(describeError(t, error), { tone: 'error' }) },
    );
  };

  return (
    <>
      <div className="grid-2">
        <section className="card hub-card" aria-labelledby="contact-log-heading">
          <div className="contact-relations__head">
            <h2 id="contact-log-heading">{t('rel.kontaktlog')}</h2>
            <LastContact date={r.lastContact} />
          </div>
          <form
            className="contact-relations__keep"
            onSubmit={(e) => {
              e.preventDefault();
              saveKeep();
            }}
          >
            <label htmlFor="keep-in-touch">{t('rel.keepInTouch')}</label>
            <input id="keep-in-touch" type="number" min={1} max={120} inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} onBlur={saveKeep} aria-describedby="keep-in-touch-hint" />
            <span id="keep-in-touch-hint" className="field__hint">
              {t('rel.keepInTouchMonths')}
            </span>
          </form>
          {r.log.length === 0 ? (
            <p className="empty">{t('rel.noLog')}</p>
          ) : (
            <ul className="hub-lines">
              {r.log.map((entry) => (
                <li key={entry.id} className="hub-line">
                  <span className="hub-lines__when">{formatDate(entry.date)}</span>
                  <span className="hub-line__body">
                    <span className="badge">{t(`rel.contactKind_${entry.kind}`)}</span> {entry.note}
                    {entry.contacts.length > 1 ? <span className="hub-lines__context">{entry.contacts.filter((c) => c.id !== contactId).map((c) => c.name).join(', ')}</span> : null}
                    {entry.kommune ? (
                      <>
                        {' '}
                        <Link href={`/kommuner/${entry.kommune.id}`} className="hub-lines__context">
                          {entry.kommune.name}
                        </Link>
                      </>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card hub-card" aria-labelledby="contact-meetings-heading">
          <h2 id="contact-meetings-heading">{t('rel.meetingsAttended')}</h2>
          {r.attended.length === 0 ? (
            <p className="empty">{t('rel.noMeetingsAttended')}</p>
          ) : (
            <ul className="hub-lines">
              {r.attended.map((m) => (
                <li key={m.meetingId} className="hub-line">
                  <span className="hub-lines__when">{formatInstantDate(m.startsAt)}</span>
                  <span className="hub-line__body">
                    <Link href={`/moeder/${m.meetingId}`}>{m.title}</Link> <span className={m.status === 'afbud' ? 'badge badge--aflyst' : 'badge'}>{t(`rel.attendance_${m.status}`)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {r.followUps.length > 0 ? (
        <div className="card">
          <h2>{t('rel.followUpsOwned')}</h2>
          <FollowUpRows followUps={r.followUps} />
        </div>
      ) : null}
      <TimelineSection scope={{ contactId }} />
    </>
  );
}

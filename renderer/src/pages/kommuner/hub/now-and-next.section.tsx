import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { KommuneHub } from '../../../../../common/relationships.domain';
import { formatDate, formatInstantDate, formatMeetingTime } from '../../../format';
import { stateKey, stateSymbol } from '../../overview/styringsdialog-status.component';


/**
 * "Nu og næste": what is coming (the next meetings, the active series) and
 * what is open (follow-ups, overdue first; this year's styringsdialog per
 * boligorganisation). Compact lines, so it fits the first screen at 1366×768.
 */
export function NowAndNextSection({ hub }: { readonly hub: KommuneHub }) {
  const { t } = useTranslation();
  const n = hub.nowAndNext;
  return (
    <section className="card hub-card" aria-labelledby="hub-now">
      <h2 id="hub-now">{t('rel.nowAndNext')}</h2>
      <div className="hub-now">
      <div className="hub-block">
      <h3 className="hub-card__sub">{t('rel.upcoming')}</h3>
      {n.upcomingMeetings.length === 0 ? (
        <p className="empty">{t('rel.noUpcoming')}</p>
      ) : (
        <ul className="hub-lines">
          {n.upcomingMeetings.slice(0, 4).map((m) => (
            <li key={m.id} className="hub-line">
              <span className="hub-lines__when">{formatMeetingTime(m.startsAt, m.endsAt)}</span>
              <span className="hub-line__body">
                <Link href={`/moeder/${m.id}`}>{m.title}</Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      </div>
      <div className="hub-block">
      <h3 className="hub-card__sub">
        {t('rel.openFollowUps')} <span className={n.overdueCount > 0 ? 'hub-count hub-count--alert' : 'hub-count'}>{t('rel.openCounts', { open: n.openCount, overdue: n.overdueCount })}</span>
      </h3>
      {n.openFollowUps.length === 0 ? (
        <p className="empty">{t('rel.noOpen')}</p>
      ) : (
        <ul className="hub-lines">
          {n.openFollowUps.slice(0, 4).map((f) => (
            <li key={f.id} className={f.overdue ? 'hub-line hub-lines--overdue' : 'hub-line'}>
              <span className="hub-lines__when">
                {f.overdue ? <span aria-hidden="true">⚠ </span> : null}
                {f.dueDate ? formatDate(f.dueDate) : '–'}
                {f.overdue ? <span className="visually-hidden"> ({t('rel.overdue')})</span> : null}
              </span>
              <span className="hub-line__body">
                <Link href={f.sourceMeetingId ? `/moeder/${f.sourceMeetingId}` : '/opfoelgning'}>{f.title}</Link>{' '}
                <span className="muted hub-lines__who">{f.ownerIsMe ? t('followUps.me') : (f.ownerName ?? '')}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {n.openCount > 4 ? (
        <Link href="/opfoelgning" className="see-all">
          {t('rel.seeAllFollowUps')}
        </Link>
      ) : null}
      </div>
      <div className="hub-block">
      <h3 className="hub-card__sub">{t('rel.styringsdialog', { year: n.styringsdialog.year })}</h3>
      {n.styringsdialog.rows.length === 0 ? (
        <p className="empty">{t('rel.sdNone')}</p>
      ) : (
        <ul className="hub-sd">
          {n.styringsdialog.rows.map((r) => (
            <li key={r.organisationId} className={`hub-sd__row hub-sd__row--${r.state}`}>
              <span className={`sd-chip sd-chip--${r.state}`} aria-hidden="true">
                {stateSymbol[r.state]}
              </span>
              <Link href={`/styringsdialog/${hub.kommune.id}/${r.organisationId}/${n.styringsdialog.year}`}>{r.organisationName}</Link>
              {r.meetingId ? (
                <Link href={`/moeder/${r.meetingId}`} className="hub-sd__state">
                  {t(`status.${stateKey[r.state]}`)}
                </Link>
              ) : (
                <span className="hub-sd__state">{t(`status.${stateKey[r.state]}`)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      </div>
      <div className="hub-block">
      <h3 className="hub-card__sub">{t('rel.activeSeries')}</h3>
      {n.activeSeries.length === 0 ? (
        <p className="empty">{t('rel.noActiveSeries')}</p>
      ) : (
        <ul className="hub-lines">
          {n.activeSeries.slice(0, 4).map((s) => (
            <li key={s.id}>
              <Link href={`/moederaekker/${s.id}`}>{s.title}</Link>
                  {s.organisations ? <span className="hub-lines__context">{s.organisations}</span> : null}
              <span className="muted">{s.nextMeetingAt ? t('rel.nextMeeting', { date: formatInstantDate(s.nextMeetingAt) }) : s.lastMeetingAt ? t('rel.lastMeeting', { date: formatInstantDate(s.lastMeetingAt) }) : ''}</span>
            </li>
          ))}
        </ul>
      )}
      </div>
      </div>
    </section>
  );
}

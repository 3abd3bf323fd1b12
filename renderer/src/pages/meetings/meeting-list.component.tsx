import { Link } from 'wouter';
import type { MeetingSummary } from '../../../../common/meetings.domain';
import { formatMeetingTime } from '../../format';
import { MeetingStatusBadge } from '../../components/status-badge.component';

/** A short list of meetings (Overblik's this week / next week): its own module, so Overblik does not pull in the Møder page. */
export function MeetingList({ meetings, empty }: { readonly meetings: readonly MeetingSummary[]; readonly empty: string }) {
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
          {m.status !== 'planlagt' ? <MeetingStatusBadge status={m.status} /> : null}
        </li>
      ))}
    </ul>
  );
}

import { Link } from 'wouter';
import { DownloadButton } from '../../components/download.button';
import { formatDate } from '../../format';

export interface DeadlineRow {
  readonly key: string;
  readonly date: string;
  /** What is due ("Evaluering", "Årlig status til Landsbyggefonden"). */
  readonly what: string;
  readonly name: string;
  readonly href: string;
  readonly kommuneNavn: string | null;
}

/**
 * Overblik's card of upcoming deadlines (aftaler, helhedsplaner): the first
 * twelve, each linked to its record, and the same list as an .ics for Outlook.
 */
export function DeadlinesCard({
  id,
  title,
  icsLabel,
  empty,
  rows,
  ics,
}: {
  readonly id: string;
  readonly title: string;
  readonly icsLabel: string;
  readonly empty: string;
  /** undefined while loading. */
  readonly rows: readonly DeadlineRow[] | undefined;
  readonly ics: () => Promise<{ fileName: string; base64: string }>;
}) {
  return (
    <div className="card dashboard__wide" id={id}>
      <div className="card__header">
        <h2>{title}</h2>
        {rows && rows.length > 0 ? <DownloadButton label={icsLabel} load={ics} /> : null}
      </div>
      {rows && rows.length === 0 ? <p className="empty">{empty}</p> : null}
      {rows && rows.length > 0 ? (
        <ul className="plain-list">
          {rows.slice(0, 12).map((d) => (
            <li key={d.key}>
              <span className="muted">{formatDate(d.date)}</span> {d.what}: <Link href={d.href}>{d.name}</Link>
              {d.kommuneNavn ? <span className="muted"> · {d.kommuneNavn}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { format } from 'date-fns';
import { da } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';
import { danishDate } from '../../../common/time';
import { formatDate, timeInputValue } from '../format';
import { useApiQuery } from '../queries';

/**
 * How Historik shows a logged value: instants as Danish local time, dates as
 * Danish dates, and ids as the name of what they point to (looked up through
 * the ordinary get channels, cached by TanStack Query so one record named in
 * many entries is fetched once).
 */

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-12-02T11:00:00.000Z" → "2. dec. 2026 kl. 12.00" (Europe/Copenhagen). */
export function formatHistoryInstant(instant: string): string {
  return `${formatDate(danishDate(instant))} kl. ${timeInputValue(instant).replace(':', '.')}`;
}

type RefKind = 'kommune' | 'organisation' | 'contact' | 'meeting' | 'series';

/** Which fields hold an id, and of what. */
export const historyRefFields: Readonly<Record<string, RefKind>> = {
  kommune_id: 'kommune',
  organisation_id: 'organisation',
  contact_id: 'contact',
  owner_contact_id: 'contact',
  meeting_id: 'meeting',
  source_meeting_id: 'meeting',
  closed_in_meeting_id: 'meeting',
  series_id: 'series',
};

function RefName({ kind, id }: { readonly kind: RefKind; readonly id: string }) {
  const { t } = useTranslation();
  // All 98 kommuner in one read, shared with the pickers' cache entry.
  const kommuner = useApiQuery('kommuner.list', {}, { enabled: kind === 'kommune' });
  const organisation = useApiQuery('organisations.get', { id }, { enabled: kind === 'organisation' });
  const contact = useApiQuery('contacts.get', { id }, { enabled: kind === 'contact' });
  const meeting = useApiQuery('meetings.get', { id }, { enabled: kind === 'meeting' });
  const series = useApiQuery('series.get', { id }, { enabled: kind === 'series' });
  const name =
    kind === 'kommune' ? kommuner.data?.find((k) => k.id === id)?.navn : kind === 'organisation' ? organisation.data?.name : kind === 'contact' ? contact.data?.name : kind === 'meeting' ? meeting.data?.title : series.data?.title;
  const failed = (kind === 'kommune' && kommuner.data !== undefined) || [kommuner, organisation, contact, meeting, series].some((q) => q.isError);
  if (name) return <>{name}</>;
  return <span className="muted">{failed ? t('history.unknownRecord') : t('common.loading')}</span>;
}

/** One logged value as a person reads it. */
export function HistoryValue({ field, value, empty }: { readonly field: string; readonly value: unknown; readonly empty: string }) {
  if (value === null || value === '') return <>{empty}</>;
  if (Array.isArray(value)) return <>{value.join(', ')}</>;
  const kind = historyRefFields[field];
  if (kind && typeof value === 'string') return <RefName kind={kind} id={value} />;
  if (typeof value === 'string' && isoInstant.test(value)) return <>{formatHistoryInstant(value)}</>;
  if (typeof value === 'string' && isoDate.test(value)) return <>{format(new Date(`${value}T12:00:00`), 'd. MMM yyyy', { locale: da })}</>;
  return <>{String(value)}</>;
}

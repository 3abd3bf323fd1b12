import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '../../../common/domain';
import './status-badge.css';

/** A shape per meeting status beside its word and colour, so the status reads without colour alone. */
const symbols: Record<MeetingStatus, string> = { planlagt: '◷', afholdt: '✓', aflyst: '✕' };

/** A meeting's status as a badge: symbol, Danish word and colour, as wide as its text. */
export function MeetingStatusBadge({ status }: { readonly status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__symbol" aria-hidden="true">
        {symbols[status]}
      </span>
      {t(`meetings.status.${status}`)}
    </span>
  );
}

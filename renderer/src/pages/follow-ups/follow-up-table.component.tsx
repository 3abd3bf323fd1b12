import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { followUpStatuses, type FollowUpStatus } from '../../../../common/vocabulary';
import type { FollowUp } from '../../../../common/meetings.domain';
import { describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import type { RowsProps } from '../../components/all-rows.component';
import { DateField } from '../../components/date-time-fields.component';
import { formatDate, formatInstantDate } from '../../format';
import { useApiMutation } from '../../queries';

export interface FollowUpRowsProps {
  readonly followUps: readonly FollowUp[];
  readonly closingMeetingId?: string | null;
  readonly showSource?: boolean;
  readonly selected?: ReadonlySet<string>;
  readonly onSelect?: (id: string, on: boolean) => void;
  readonly onDueChange?: boolean;
  /** For a paged list: told the last rendered row, to load the next page in time (see usePagedList). */
  readonly onVisibleEnd?: (lastIndex: number) => void;
  /** Who "me" is, where others read along (the referat on a shared screen): the consultant's name instead of "Mig". */
  readonly meName?: string;
}

/**
 * Follow-ups as rows: what, who, by when, status (changeable in place).
 * `closingMeetingId`: closing one here records that it was closed in that meeting.
 * `Rows` is the table body: VirtualRows (FollowUpRows, follow-up-list.component.tsx) or, for Overblik's screenful, AllRows.
 */
export function FollowUpTable({
  followUps,
  closingMeetingId = null,
  showSource = false,
  selected,
  onSelect,
  onDueChange,
  onVisibleEnd,
  meName,
  Rows,
}: FollowUpRowsProps & { readonly Rows: <T>(props: RowsProps<T>) => ReactNode }) {
  const { t } = useTranslation();
  const toast = useToast();
  const setStatus = useApiMutation('followUps.setStatus');
  const update = useApiMutation('followUps.update');
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          {onSelect ? <th aria-label={t('followUps.setStatus')} /> : null}
          <th>{t('followUps.columns.title')}</th>
          <th>{t('followUps.columns.owner')}</th>
          <th>{t('followUps.columns.due')}</th>
          <th>{t('followUps.columns.status')}</th>
          {showSource ? <th>{t('followUps.columns.kommune')}</th> : null}
          {showSource ? <th>{t('followUps.columns.source')}</th> : null}
        </tr>
      </thead>
      <Rows
        items={followUps}
        onVisibleEnd={onVisibleEnd}
        rowKey={(f) => f.id}
        rowClassName={(f) => (f.overdue ? 'row--overdue' : undefined)}
        columns={4 + (onSelect ? 1 : 0) + (showSource ? 2 : 0)}
        renderRow={(f) => (
          <>
            {onSelect ? (
              <td>
                <input type="checkbox" aria-label={t('followUps.select', { title: f.title })} checked={selected?.has(f.id) ?? false} onChange={(e) => onSelect(f.id, e.target.checked)} />
              </td>
            ) : null}
            <td>
              {f.title}
              {f.overdue ? <span className="badge badge--overdue">{t('followUps.overdue')}</span> : null}
            </td>
            <td>{f.ownerIsMe ? (meName ?? t('followUps.me')) : f.ownerName ? <Link href={`/kontakter/${f.ownerContactId}`}>{f.ownerName}</Link> : <span className="muted">{t('followUps.noOwner')}</span>}</td>
            <td className="nowrap">
              {onDueChange ? (
                <DueDateInput label={`${t('referat.newDue')}: ${f.title}`} dueDate={f.dueDate} onCommit={(dueDate) => update.mutate({ id: f.id, dueDate }, { onError })} />
              ) : f.dueDate ? (
                formatDate(f.dueDate)
              ) : (
                <span className="muted">{t('followUps.noDue')}</span>
              )}
            </td>
            <td>
              <select
                aria-label={`${t('followUps.columns.status')}: ${f.title}`}
                value={f.status}
                onChange={(e) => setStatus.mutate({ ids: [f.id], status: e.target.value as FollowUpStatus, closedInMeetingId: closingMeetingId }, { onError })}
              >
                {followUpStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`followUps.status.${s}`)}
                  </option>
                ))}
              </select>
            </td>
            {showSource ? <td>{f.kommune?.name ?? ''}</td> : null}
            {showSource ? (
              <td>
                {f.sourceMeetingId ? (
                  <Link href={`/moeder/${f.sourceMeetingId}`}>
                    {f.sourceMeetingTitle}
                    {f.sourceMeetingStartsAt ? ` (${formatInstantDate(f.sourceMeetingStartsAt)})` : ''}
                  </Link>
                ) : null}
              </td>
            ) : null}
          </>
        )}
      />
    </table>
  );
}

/** A follow-up's due date, saved when the field is left with another valid date (or emptied). */
function DueDateInput({ label, dueDate, onCommit }: { readonly label: string; readonly dueDate: string | null; readonly onCommit: (dueDate: string | null) => void }) {
  const [value, setValue] = useState(dueDate ?? '');
  return (
    <DateField
      aria-label={label}
      value={value}
      onChange={setValue}
      onBlur={() => {
        const next = value === '' ? null : value;
        if (next !== dueDate && (next === null || /^\d{4}-\d{2}-\d{2}$/.test(next))) onCommit(next);
      }}
    />
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AgendaItem, Meeting } from '../../../../common/meetings.domain';
import { call, describeError } from '../../api';
import { useAutosavedText, type SaveState } from '../../components/autosave';
import { QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { formatMeetingTime } from '../../format';
import { invalidateAfter, useApiMutation, useApiQuery } from '../../queries';
import { FollowUpRows } from '../follow-ups/follow-up-list.component';
import { followUpInput, QuickFollowUp, useFollowUpDrafts, type FollowUpDraft } from './quick-follow-up.component';
import { MeetingStatusBadge } from '../../components/status-badge.component';

/**
 * Referat mode: a focused view for taking minutes live, item by item. Minutes
 * and decisions save themselves (see useAutosavedText); follow-ups are added
 * from the keyboard; "Afslut møde" marks the meeting afholdt.
 *
 * Nothing typed is lost: a follow-up typed in an item's quick-add form but not
 * yet added stays with that item (useFollowUpDrafts) and "Afslut møde" adds it
 * before closing. A meeting that has not begun yet is closed only after the
 * inline confirmation the app uses for such questions (as Gendan on
 * Sikkerhedskopier).
 */
export function ReferatPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const client = useQueryClient();
  const meeting = useApiQuery('meetings.get', { id });
  const close = useApiMutation('meetings.close');
  const drafts = useFollowUpDrafts();
  const [index, setIndex] = useState(0);
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [confirming, setConfirming] = useState(false);
  const [closing, setClosing] = useState(false);
  // Autosaved minutes and decisions skip the mutation hook (a keystroke refetches nothing): leaving the page refreshes what they touched.
  useEffect(() => () => void invalidateAfter(client, 'agenda.saveText', 'followUps.create'), [client]);
  const m = meeting.data;
  if (!m) return <QueryState isLoading={meeting.isLoading} error={meeting.error} />;
  const item = m.agenda[Math.min(index, m.agenda.length - 1)];
  const overall = Object.values(states).includes('error') ? 'error' : Object.values(states).some((s) => s === 'dirty' || s === 'saving') ? 'saving' : 'saved';
  const go = (next: number) => setIndex(Math.max(0, Math.min(m.agenda.length - 1, next)));
  const pending = drafts.pending(m.agenda.map((a) => a.id));
  const inFuture = Date.parse(m.startsAt) > Date.now();

  /** Adds the follow-ups still in the forms, then marks the meeting afholdt; stops at the first error (nothing typed is dropped). */
  const finish = async () => {
    setConfirming(false);
    setClosing(true);
    try {
      for (const { agendaItemId, draft } of pending) {
        await call('followUps.create', followUpInput(draft, m.id, agendaItemId));
        drafts.setDraft(agendaItemId, { ...draft, title: '' });
      }
      await close.mutateAsync({ id });
      toast.show(pending.length ? t('referat.closedWithFollowUps', { count: pending.length }) : t('meetings.closed'));
    } catch (error) {
      toast.show(describeError(t, error), { tone: 'error' });
      void invalidateAfter(client, 'followUps.create', 'meetings.close');
    } finally {
      setClosing(false);
    }
  };

  return (
    <section
      className="referat"
      onKeyDown={(e) => {
        if (!(e.ctrlKey || e.metaKey)) return;
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          go(index + 1);
        }
        if (e.key === 'ArrowUp') {
          e.preventDefault();
          go(index - 1);
        }
      }}
    >
      <header className="referat__header">
        <div>
          <h1>
            {t('referat.title')}: {m.title}
          </h1>
          <p className="page-header__subtitle">
            {formatMeetingTime(m.startsAt, m.endsAt)}
            {m.place ? ` · ${m.place}` : ''}
          </p>
        </div>
        <div className="page-header__actions">
          <span className={`save-state save-state--${overall}`} role="status">
            {overall === 'saved' ? t('referat.saved') : overall === 'error' ? t('referat.saveFailed') : t('referat.saving')}
          </span>
          <Link href={`/moeder/${m.id}`} className="button button--secondary">
            {t('referat.back')}
          </Link>
          {m.status !== 'afholdt' ? (
            <button type="button" className="button" aria-expanded={inFuture ? confirming : undefined} disabled={closing} onClick={() => (inFuture ? setConfirming(!confirming) : void finish())}>
              {closing ? t('referat.closing') : t('meetings.close')}
            </button>
          ) : (
            <MeetingStatusBadge status="afholdt" />
          )}
        </div>
      </header>
      {confirming && m.status !== 'afholdt' ? (
        <div role="group" aria-label={t('referat.confirmFutureTitle')} className="notice notice--warning">
          <p>{t('referat.confirmFuture', { when: formatMeetingTime(m.startsAt, m.endsAt) })}</p>
          {pending.length ? <p>{t('referat.confirmPending', { count: pending.length })}</p> : null}
          <div className="form-actions">
            <button type="button" className="button" disabled={closing} onClick={() => void finish()}>
              {t('referat.confirmClose')}
            </button>
            <button type="button" className="button button--secondary" disabled={closing} onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <div className="referat__layout">
        <nav className="referat__items" aria-label={t('meetings.agenda')}>
          <ol>
            {m.agenda.map((a, i) => (
              <li key={a.id}>
                <button type="button" className={a.id === item?.id ? 'referat__item referat__item--current' : 'referat__item'} aria-current={a.id === item?.id ? 'step' : undefined} onClick={() => go(i)}>
                  <span>{i + 1}.</span> {a.title}
                  {a.decision ? <span className="referat__item-done" aria-hidden="true"> ✓</span> : null}
                </button>
              </li>
            ))}
          </ol>
          <p className="field__hint">{t('referat.keyboard')}</p>
        </nav>
        {item ? (
          <ReferatItem
            key={item.id}
            meeting={m}
            item={item}
            draft={drafts.draftOf(item.id)}
            onDraft={(draft) => drafts.setDraft(item.id, draft)}
            position={{ n: m.agenda.indexOf(item) + 1, count: m.agenda.length }}
            onState={(field, state) => setStates((s) => ({ ...s, [`${item.id}.${field}`]: state }))}
            onPrevious={() => go(index - 1)}
            onNext={() => go(index + 1)}
          />
        ) : (
          <p className="empty">{t('meetings.noAgenda')}</p>
        )}
      </div>
    </section>
  );
}

function ReferatItem({
  meeting,
  item,
  draft,
  onDraft,
  position,
  onState,
  onPrevious,
  onNext,
}: {
  readonly meeting: Meeting;
  readonly item: AgendaItem;
  readonly draft: FollowUpDraft;
  readonly onDraft: (draft: FollowUpDraft) => void;
  readonly position: { n: number; count: number };
  readonly onState: (field: string, state: SaveState) => void;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}) {
  const { t } = useTranslation();
  const meName = useConsultantName();
  const minutes = useAutosavedText(`${item.id}.minutes`, item.minutes, (value) => call('agenda.saveText', { id: item.id, minutes: value }));
  const decision = useAutosavedText(`${item.id}.decision`, item.decision, (value) => call('agenda.saveText', { id: item.id, decision: value }));
  useEffect(() => onState('minutes', minutes.state), [minutes.state]);
  useEffect(() => onState('decision', decision.state), [decision.state]);
  const itemFollowUps = meeting.followUps.filter((f) => f.sourceAgendaItemId === item.id);

  return (
    <article className="referat__item-card card">
      <p className="muted">{t('referat.item', position)}</p>
      <h2 className="referat__item-title">{item.title}</h2>
      {item.description ? <p className="prewrap muted">{item.description}</p> : null}
      {item.kind === 'follow_up_review' ? (
        <div className="referat__carried">
          <h3>{t('meetings.carried')}</h3>
          {meeting.carriedFollowUps.length === 0 ? <p className="empty">{t('meetings.noCarried')}</p> : <FollowUpRows followUps={meeting.carriedFollowUps} closingMeetingId={meeting.id} onDueChange meName={meName} />}
        </div>
      ) : null}
      <label className="referat__label" htmlFor={`minutes-${item.id}`}>
        {t('referat.minutes')}
      </label>
      <textarea
        id={`minutes-${item.id}`}
        className="referat__minutes"
        rows={8}
        placeholder={t('referat.minutesPlaceholder')}
        {...minutes.field}
        autoFocus
      />
      <label className="referat__label" htmlFor={`decision-${item.id}`}>
        {t('referat.decision')}
      </label>
      <textarea
        id={`decision-${item.id}`}
        rows={3}
        placeholder={t('referat.decisionPlaceholder')}
        {...decision.field}
      />
      <QuickFollowUp meetingId={meeting.id} agendaItemId={item.id} draft={draft} onChange={onDraft} />
      {itemFollowUps.length > 0 ? <FollowUpRows followUps={itemFollowUps} meName={meName} /> : null}
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={onPrevious} disabled={position.n === 1}>
          ← {t('referat.previous')}
        </button>
        <button type="button" className="button button--secondary" onClick={onNext} disabled={position.n === position.count}>
          {t('referat.next')} →
        </button>
      </div>
    </article>
  );
}

/** The consultant as the referat names them to everyone in the room: name, else initials, else the role — never "Mig". */
// The same rule as the documents' (db/settings/settings.repository.ts consultantOwnerName): change them together.
function useConsultantName(): string {
  const { t } = useTranslation();
  const settings = useApiQuery('settings.get').data;
  return settings?.userName.trim() || settings?.initials.trim() || t('firstRun.consultantRole');
}

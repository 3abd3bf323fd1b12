import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AgendaItem, Meeting } from '../../../../common/meetings.domain';
import { call, describeError } from '../../api';
import { useAutosavedText, type SaveState } from '../../components/autosave';
import { QueryState } from '../../components/page.component';
import { OwnerSelect, ownerFields } from '../../components/pickers.component';
import { useToast } from '../../components/toast.component';
import { formatMeetingTime } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { FollowUpRows } from '../follow-ups/follow-up-list.component';

/**
 * Referat mode: a focused view for taking minutes live, item by item. Minutes
 * and decisions save themselves (see useAutosavedText); follow-ups are added
 * from the keyboard; "Afslut møde" marks the meeting afholdt.
 */
export function ReferatPage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const client = useQueryClient();
  const meeting = useApiQuery('meetings.get', { id });
  const close = useApiMutation('meetings.close');
  const [index, setIndex] = useState(0);
  const [states, setStates] = useState<Record<string, SaveState>>({});
  useEffect(() => () => void client.invalidateQueries(), [client]);
  const m = meeting.data;
  if (!m) return <QueryState isLoading={meeting.isLoading} error={meeting.error} />;
  const item = m.agenda[Math.min(index, m.agenda.length - 1)];
  const overall = Object.values(states).includes('error') ? 'error' : Object.values(states).some((s) => s === 'dirty' || s === 'saving') ? 'saving' : 'saved';
  const go = (next: number) => setIndex(Math.max(0, Math.min(m.agenda.length - 1, next)));

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
            <button
              type="button"
              className="button"
              onClick={() => close.mutate({ id }, { onSuccess: () => toast.show(t('meetings.closed')), onError: (error) => toast.show(describeError(t, error), { tone: 'error' }) })}
            >
              {t('meetings.close')}
            </button>
          ) : (
            <span className="badge badge--afholdt">{t('meetings.status.afholdt')}</span>
          )}
        </div>
      </header>
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
  position,
  onState,
  onPrevious,
  onNext,
}: {
  readonly meeting: Meeting;
  readonly item: AgendaItem;
  readonly position: { n: number; count: number };
  readonly onState: (field: string, state: SaveState) => void;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}) {
  const { t } = useTranslation();
  const minutes = useAutosavedText(`${item.id}.minutes`, item.minutes, (value) => call('agenda.update', { id: item.id, minutes: value }));
  const decision = useAutosavedText(`${item.id}.decision`, item.decision, (value) => call('agenda.update', { id: item.id, decision: value }));
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
          {meeting.carriedFollowUps.length === 0 ? <p className="empty">{t('meetings.noCarried')}</p> : <FollowUpRows followUps={meeting.carriedFollowUps} closingMeetingId={meeting.id} onDueChange />}
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
        value={minutes.value}
        onChange={(e) => minutes.onChange(e.target.value)}
        onBlur={() => void minutes.flush()}
        autoFocus
      />
      <label className="referat__label" htmlFor={`decision-${item.id}`}>
        {t('referat.decision')}
      </label>
      <textarea
        id={`decision-${item.id}`}
        rows={3}
        placeholder={t('referat.decisionPlaceholder')}
        value={decision.value}
        onChange={(e) => decision.onChange(e.target.value)}
        onBlur={() => void decision.flush()}
      />
      <QuickFollowUp meetingId={meeting.id} agendaItemId={item.id} />
      {itemFollowUps.length > 0 ? <FollowUpRows followUps={itemFollowUps} /> : null}
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

/** Title → Enter adds; owner and due date stay as chosen for the next one. */
function QuickFollowUp({ meetingId, agendaItemId }: { readonly meetingId: string; readonly agendaItemId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('me');
  const [due, setDue] = useState('');
  const titleRef = useRef<HTMLInputElement>(null);
  const create = useApiMutation('followUps.create');
  const submit = () => {
    if (!title.trim()) return;
    create.mutate(
      { title: title.trim(), ...ownerFields(owner), dueDate: due || null, sourceMeetingId: meetingId, sourceAgendaItemId: agendaItemId },
      {
        onSuccess: () => {
          setTitle('');
          titleRef.current?.focus();
        },
        onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
      },
    );
  };
  return (
    <fieldset className="fieldset quick-follow-up">
      <legend>{t('referat.quickAdd')}</legend>
      <div className="quick-follow-up__row">
        <input
          ref={titleRef}
          aria-label={t('referat.quickAdd')}
          placeholder={t('referat.quickAddPlaceholder')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
        />
        <OwnerSelect aria-label={t('referat.owner')} value={owner} onChange={setOwner} />
        <input type="date" aria-label={t('referat.due')} value={due} onChange={(e) => setDue(e.target.value)} />
        <button type="button" className="button button--secondary" onClick={submit} disabled={!title.trim() || create.isPending}>
          {t('referat.add')}
        </button>
      </div>
    </fieldset>
  );
}

import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api';
import { OwnerSelect, ownerFields } from '../../components/pickers.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation } from '../../queries';
import { DateField } from '../../components/date-time-fields.component';

/** What is typed in the quick-add form of one agenda item: owner 'me', '' (nobody) or a contact id; due a date or ''. */
export interface FollowUpDraft {
  readonly title: string;
  readonly owner: string;
  readonly due: string;
}

export const emptyDraft: FollowUpDraft = { title: '', owner: 'me', due: '' };

const storageKey = (agendaItemId: string) => `kredsbog.draft.${agendaItemId}.followUp`;

function readStored(agendaItemId: string): FollowUpDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(agendaItemId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<FollowUpDraft>;
    return typeof parsed.title === 'string' && typeof parsed.owner === 'string' && typeof parsed.due === 'string' ? { title: parsed.title, owner: parsed.owner, due: parsed.due } : null;
  } catch {
    return null;
  }
}

function writeStored(agendaItemId: string, draft: FollowUpDraft): void {
  try {
    if (draft.title === '' && draft.owner === emptyDraft.owner && draft.due === '') window.localStorage.removeItem(storageKey(agendaItemId));
    else window.localStorage.setItem(storageKey(agendaItemId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft still lives in the page.
  }
}

/**
 * The quick-add forms of a meeting's agenda items, kept by the referat page
 * (not by the item shown), so a half-typed follow-up survives moving to
 * another item, and in localStorage, so it survives a reload or crash like
 * the minutes do. "Afslut møde" adds the ones with a title (`pending`).
 */
export function useFollowUpDrafts() {
  const [drafts, setDrafts] = useState<Record<string, FollowUpDraft>>({});
  const draftOf = useCallback((agendaItemId: string): FollowUpDraft => drafts[agendaItemId] ?? readStored(agendaItemId) ?? emptyDraft, [drafts]);
  const setDraft = useCallback((agendaItemId: string, draft: FollowUpDraft) => {
    writeStored(agendaItemId, draft);
    setDrafts((all) => ({ ...all, [agendaItemId]: draft }));
  }, []);
  /** The drafts with a title among these agenda items, in their order. */
  const pending = useCallback((agendaItemIds: readonly string[]) => agendaItemIds.flatMap((id) => (draftOf(id).title.trim() ? [{ agendaItemId: id, draft: draftOf(id) }] : [])), [draftOf]);
  return { draftOf, setDraft, pending };
}

/** The fields the follow-up channel takes from a draft. */
export function followUpInput(draft: FollowUpDraft, meetingId: string, agendaItemId: string) {
  return { title: draft.title.trim(), ...ownerFields(draft.owner), dueDate: draft.due || null, sourceMeetingId: meetingId, sourceAgendaItemId: agendaItemId };
}

/**
 * Title, owner and due date; Enter in any of them adds the follow-up (in the
 * owner box only once its list has nothing to pick). Owner and due date stay
 * as chosen for the next one.
 */
export function QuickFollowUp({
  meetingId,
  agendaItemId,
  draft,
  onChange,
}: {
  readonly meetingId: string;
  readonly agendaItemId: string;
  readonly draft: FollowUpDraft;
  readonly onChange: (draft: FollowUpDraft) => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const titleRef = useRef<HTMLInputElement>(null);
  const create = useApiMutation('followUps.create');
  const submit = () => {
    if (!draft.title.trim() || create.isPending) return;
    create.mutate(followUpInput(draft, meetingId, agendaItemId), {
      onSuccess: () => {
        onChange({ ...draft, title: '' });
        titleRef.current?.focus();
      },
      onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    // The owner box handles Enter itself while a choice is highlighted (it calls preventDefault); a button clicks itself.
    if (event.key !== 'Enter' || event.defaultPrevented || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    submit();
  };
  return (
    <fieldset className="fieldset quick-follow-up" onKeyDown={onKeyDown}>
      <legend>{t('referat.quickAdd')}</legend>
      <div className="quick-follow-up__row">
        <input ref={titleRef} aria-label={t('referat.quickAdd')} placeholder={t('referat.quickAddPlaceholder')} value={draft.title} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
        <OwnerSelect aria-label={t('referat.owner')} value={draft.owner} onChange={(owner) => onChange({ ...draft, owner })} />
        <DateField aria-label={t('referat.due')} value={draft.due} onChange={(due) => onChange({ ...draft, due })} />
        <button type="button" className="button button--secondary" onClick={submit} disabled={!draft.title.trim() || create.isPending}>
          {t('referat.add')}
        </button>
      </div>
    </fieldset>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaUpdateInputSchema, type AgendaItem } from '../../../../common/meetings.domain';
import { describeError } from '../../api';
import { Field } from '../../components/field.component';
import { useValidation } from '../../components/form';
import { useToast } from '../../components/toast.component';
import { FormActions, useTombstone } from '../../components/tombstone.component';
import { useApiMutation } from '../../queries';

/**
 * The neighbours an item gets when moved to `toIndex` of the list without it.
 * Only the moved item gets a new (fractional) position.
 */
export function neighboursFor(items: readonly AgendaItem[], id: string, toIndex: number): { afterId: string | null; beforeId: string | null } {
  const rest = items.filter((i) => i.id !== id);
  const index = Math.max(0, Math.min(toIndex, rest.length));
  return { afterId: rest[index - 1]?.id ?? null, beforeId: rest[index]?.id ?? null };
}

/** Agenda with add, delete (undo), and reorder by drag or by keyboard (Alt+↑/↓). */
export function AgendaEditor({ meetingId, items, editable }: { readonly meetingId: string; readonly items: readonly AgendaItem[]; readonly editable: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [title, setTitle] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const add = useApiMutation('agenda.add');
  const move = useApiMutation('agenda.move');
  const tombstone = useTombstone({ remove: 'agenda.delete', restore: 'agenda.restore' });
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });

  const moveTo = (id: string, toIndex: number) => {
    const from = items.findIndex((i) => i.id === id);
    if (from < 0 || toIndex === from) return;
    move.mutate({ id, ...neighboursFor(items, id, toIndex) }, { onError });
  };
  const addItem = () => {
    if (!title.trim()) return;
    add.mutate({ meetingId, title: title.trim(), afterId: items.at(-1)?.id ?? null }, { onSuccess: () => setTitle(''), onError });
  };

  return (
    <div>
      {items.length === 0 ? <p className="empty">{t('meetings.noAgenda')}</p> : null}
      <ol className="agenda" aria-label={t('meetings.agenda')}>
        {items.map((item, index) => (
          <li
            key={item.id}
            className={dragging === item.id ? 'agenda-item agenda-item--dragging' : 'agenda-item'}
            draggable={editable}
            onDragStart={(e) => {
              setDragging(item.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', item.id);
            }}
            onDragEnd={() => setDragging(null)}
            onDragOver={(e) => editable && e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const id = e.dataTransfer.getData('text/plain');
              if (id) moveTo(id, index);
              setDragging(null);
            }}
          >
            <span className="agenda-item__number">{index + 1}.</span>
            {editingId === item.id ? (
              <AgendaItemForm item={item} onDone={() => setEditingId(null)} />
            ) : (
            <div className="agenda-item__body">
              <span
                className="agenda-item__title"
                tabIndex={editable ? 0 : -1}
                title={editable ? t('meetings.dragHint') : undefined}
                onKeyDown={(e) => {
                  if (!e.altKey) return;
                  if (e.key === 'ArrowUp') {
                    e.preventDefault();
                    moveTo(item.id, index - 1);
                  }
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    moveTo(item.id, index + 1);
                  }
                }}
              >
                {item.title}
              </span>
              {item.presenter || item.plannedMinutes ? (
                <span className="agenda-item__meta">{[item.presenter && `${t('meetings.presenter')}: ${item.presenter}`, item.plannedMinutes && `${item.plannedMinutes} min.`].filter(Boolean).join(' · ')}</span>
              ) : null}
              {item.description ? <span className="agenda-item__meta">{item.description}</span> : null}
              {item.decision ? <span className="agenda-item__decision">{item.decision}</span> : null}
            </div>
            )}
            {editable && editingId !== item.id ? (
              <span className="agenda-item__actions">
                <button type="button" className="icon-button" aria-label={`${t('common.edit')}: ${item.title}`} onClick={() => setEditingId(item.id)}>
                  ✎
                </button>
                <button type="button" className="icon-button" aria-label={`${t('meetings.moveUp')}: ${item.title}`} disabled={index === 0} onClick={() => moveTo(item.id, index - 1)}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`${t('meetings.moveDown')}: ${item.title}`} disabled={index === items.length - 1} onClick={() => moveTo(item.id, index + 1)}>
                  ↓
                </button>
                <button type="button" className="icon-button" aria-label={`${t('common.remove')}: ${item.title}`} onClick={() => tombstone.doDelete(item.id, t('meetings.itemDeleted'))}>
                  ×
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <div className="list-row">
          <input
            aria-label={t('meetings.newItemPlaceholder')}
            placeholder={t('meetings.newItemPlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addItem();
              }
            }}
          />
          <button type="button" className="button button--secondary" disabled={!title.trim() || add.isPending} onClick={addItem}>
            {t('meetings.addItem')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Inline edit of an agenda item's title, presenter, planned minutes and description. */
function AgendaItemForm({ item, onDone }: { readonly item: AgendaItem; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ title: item.title, presenter: item.presenter, plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes), description: item.description });
  const { errors, validate, saveFailed } = useValidation(agendaUpdateInputSchema);
  const update = useApiMutation('agenda.update');
  const set = <K extends keyof typeof values>(key: K, value: string) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      className="agenda-item__form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = { id: item.id, title: values.title, presenter: values.presenter, description: values.description, plannedMinutes: values.plannedMinutes === '' ? null : Number(values.plannedMinutes) };
        if (!validate(input)) return;
        update.mutate(input, { onSuccess: onDone, onError: saveFailed });
      }}
    >
      <Field label={t('meetings.fields.title')} error={errors.title}>
        {(props) => <input {...props} value={values.title} onChange={(e) => set('title', e.target.value)} autoFocus readOnly={item.kind === 'follow_up_review'} />}
      </Field>
      <div className="row">
        <Field label={t('meetings.presenter')} error={errors.presenter}>
          {(props) => <input {...props} value={values.presenter} onChange={(e) => set('presenter', e.target.value)} />}
        </Field>
        <Field label={t('meetings.plannedMinutes')} error={errors.plannedMinutes}>
          {(props) => <input {...props} className="input--short" inputMode="numeric" value={values.plannedMinutes} onChange={(e) => set('plannedMinutes', e.target.value)} />}
        </Field>
      </div>
      <Field label={t('meetings.description')} error={errors.description}>
        {(props) => <textarea {...props} rows={2} value={values.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <FormActions pending={update.isPending} onCancel={onDone} />
    </form>
  );
}

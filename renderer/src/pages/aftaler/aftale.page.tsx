import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { aftaleGoalStatuses, aftaleKinds, aftaleStatuses, type Aftale, type AftaleGoal, type AftaleKind, type AftaleUpdateInput } from '../../../../common/aftaler.domain';
import { call } from '../../api';
import { combinedSaveState, useAutosavedText, useRecordSave } from '../../components/autosave';
import { DateField } from '../../components/date-time-fields.component';
import { dateFieldValue } from '../../components/date-time-fields';
import { Field } from '../../components/field.component';
import { QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { NewRecordPage } from '../../components/new-record.page';
import { EnumSelect } from '../../components/options.component';
import { RecordPageHeader } from '../../components/record-header.component';
import { useApiMutation, useApiQuery } from '../../queries';

/** "Ny aftale": kind, title and kommune; the rest is filled in on the aftale's own page (which saves itself). */
export function AftaleNewPage({ kommuneId }: { readonly kommuneId?: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AftaleKind>('samarbejdsaftale');
  const [kommune, setKommune] = useState<string | null>(kommuneId ?? null);
  return (
    <NewRecordPage
      texts={{ title: t('aftaler.newTitle'), name: t('aftaler.fields.title'), submit: t('aftaler.create') }}
      channel="aftaler.create"
      input={(title) => ({ kind, title, kommuneId: kommune })}
      href={(id) => `/aftaler/${id}`}
    >
      <Field label={t('aftaler.fields.kind')}>{(p) => <EnumSelect {...p} values={aftaleKinds} label={(k) => t(`aftaler.kinds.${k}`)} value={kind} onChange={setKind} />}</Field>
      <Field label={t('aftaler.fields.kommune')}>{(p) => <KommuneSelect {...p} value={kommune} onChange={setKommune} emptyLabel={t('aftaler.fields.noKommune')} />}</Field>
    </NewRecordPage>
  );
}

export function AftalePage({ id }: { readonly id: string }) {
  const aftale = useApiQuery('aftaler.get', { id });
  if (!aftale.data) return <QueryState isLoading={aftale.isLoading} error={aftale.error} />;
  return <AftaleForm key={id} aftale={aftale.data} />;
}

/** The aftale's form: text saves itself (useAutosavedText), choices and dates save on change; every save is one aftaler.update of the changed fields. */
function AftaleForm({ aftale }: { readonly aftale: Aftale }) {
  const { t } = useTranslation();
  const update = useApiMutation('aftaler.update');
  const remove = useApiMutation('aftaler.delete');
  const organisations = useApiQuery('organisations.list', {});
  const { save, saveQuietly } = useRecordSave((changes: Omit<AftaleUpdateInput, 'id'>) => update.mutateAsync({ id: aftale.id, ...changes }));
  const title = useAutosavedText(`aftale.${aftale.id}.title`, aftale.title, (value) => (value.trim() ? save({ title: value }) : Promise.resolve()));
  const notes = useAutosavedText(`aftale.${aftale.id}.notes`, aftale.notes, (value) => save({ notes: value }));
  const documents = useAutosavedText(`aftale.${aftale.id}.documents`, aftale.documents.join('\n'), (value) =>
    save({ documents: value.split('\n').map((line) => line.trim()).filter(Boolean) }),
  );
  const state = combinedSaveState([title.state, notes.state, documents.state, update.isPending ? 'saving' : 'saved']);

  const dateField = (field: 'fromDate' | 'toDate' | 'evaluationDate' | 'renegotiationDate' | 'bilagReviewDate') => (
    <Field label={t(`aftaler.fields.${field}`)}>
      {(p) => (
        <DateField
          {...p}
          value={aftale[field] ?? ''}
          onChange={(value) => {
            const date = dateFieldValue(value);
            if (date !== undefined) saveQuietly({ [field]: date });
          }}
        />
      )}
    </Field>
  );

  return (
    <section>
      <RecordPageHeader
        title={aftale.title || t('aftaler.newTitle')}
        facts={[t(`aftaler.kinds.${aftale.kind}`), aftale.kommuneNavn, t(`aftaler.saveState.${state}`)]}
        ics={{ label: t('aftaler.icsExport'), load: (range) => call('aftaler.deadlinesIcs', { aftaleId: aftale.id, ...range }) }}
        remove={{ label: t('aftaler.delete'), deletedMessage: t('aftaler.deleted'), listHref: '/aftaler', remove: (callbacks) => remove.mutate({ id: aftale.id }, callbacks) }}
      />
      <div className="grid-2">
        <div className="card form">
          <Field label={t('aftaler.fields.title')}>{(p) => <input {...p} {...title.field} />}</Field>
          <Field label={t('aftaler.fields.kind')}>
            {(p) => <EnumSelect {...p} values={aftaleKinds} label={(k) => t(`aftaler.kinds.${k}`)} value={aftale.kind} onChange={(kind) => saveQuietly({ kind })} />}
          </Field>
          <Field label={t('aftaler.fields.status')}>
            {(p) => <EnumSelect {...p} values={aftaleStatuses} label={(s) => t(`aftaler.statuses.${s}`)} value={aftale.status} onChange={(status) => saveQuietly({ status })} />}
          </Field>
          <Field label={t('aftaler.fields.kommune')}>
            {(p) => <KommuneSelect {...p} value={aftale.kommuneId} onChange={(kommuneId) => saveQuietly({ kommuneId })} emptyLabel={t('aftaler.fields.noKommune')} />}
          </Field>
          <Field label={t('aftaler.fields.parties')}>
            {(p) => (
              <select
                {...p}
                multiple
                size={5}
                value={aftale.organisations.map((o) => o.id)}
                onChange={(e) => saveQuietly({ organisationIds: Array.from(e.target.selectedOptions, (o) => o.value) })}
              >
                {organisations.data?.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="card form">
          <h2>{t('aftaler.period')}</h2>
          {dateField('fromDate')}
          {dateField('toDate')}
          {dateField('evaluationDate')}
          {dateField('renegotiationDate')}
          {dateField('bilagReviewDate')}
        </div>
      </div>
      <GoalsCard aftale={aftale} save={saveQuietly} />
      <div className="grid-2">
        <div className="card form">
          <Field label={t('aftaler.fields.documents')} hint={t('aftaler.fields.documentsHelp')}>
            {(p) => <textarea {...p} rows={4} {...documents.field} />}
          </Field>
        </div>
        <div className="card form">
          <Field label={t('aftaler.fields.notes')}>{(p) => <textarea {...p} rows={4} {...notes.field} />}</Field>
        </div>
      </div>
    </section>
  );
}

/** The goals, edited as one list and saved on leaving a field (the list is one field in sync, see README). */
function GoalsCard({ aftale, save }: { readonly aftale: Aftale; readonly save: (changes: Omit<AftaleUpdateInput, 'id'>) => void }) {
  const { t } = useTranslation();
  const [goals, setGoals] = useState<AftaleGoal[]>(aftale.goals);
  useEffect(() => setGoals(aftale.goals), [aftale.goals]);
  const commit = (next: AftaleGoal[]) => {
    setGoals(next);
    const complete = next.filter((g) => g.text.trim());
    if (JSON.stringify(complete) !== JSON.stringify(aftale.goals)) save({ goals: complete });
  };
  const change = (i: number, patch: Partial<AftaleGoal>) => setGoals(goals.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <div className="card">
      <h2>{t('aftaler.goals')}</h2>
      {goals.length === 0 ? <p className="empty">{t('aftaler.noGoals')}</p> : null}
      {goals.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('aftaler.goalText')}</th>
              <th>{t('aftaler.goalIndicator')}</th>
              <th>{t('aftaler.goalStatus')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {goals.map((g, i) => (
              <tr key={i}>
                <td>
                  <input style={{ width: '100%' }} aria-label={`${t('aftaler.goalText')} ${i + 1}`} value={g.text} onChange={(e) => change(i, { text: e.target.value })} onBlur={() => commit(goals)} />
                </td>
                <td>
                  <input style={{ width: '100%' }} aria-label={`${t('aftaler.goalIndicator')} ${i + 1}`} value={g.indicator} onChange={(e) => change(i, { indicator: e.target.value })} onBlur={() => commit(goals)} />
                </td>
                <td>
                  <EnumSelect
                    aria-label={`${t('aftaler.goalStatus')} ${i + 1}`}
                    values={aftaleGoalStatuses}
                    label={(s) => t(`aftaler.goalStatuses.${s}`)}
                    value={g.status}
                    onChange={(status) => commit(goals.map((x, j) => (j === i ? { ...x, status } : x)))}
                  />
                </td>
                <td>
                  <button type="button" className="button button--secondary" aria-label={`${t('aftaler.removeGoal')} ${i + 1}`} onClick={() => commit(goals.filter((_, j) => j !== i))}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={() => setGoals([...goals, { text: '', indicator: '', status: 'ikke_startet' }])}>
          {t('aftaler.addGoal')}
        </button>
      </div>
    </div>
  );
}

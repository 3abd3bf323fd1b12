import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Styringsdialog, StyringsdialogSaveInput, StyringsdialogStep } from '../../../../common/styringsdialog.domain';
import { describeError } from '../../api';
import { useAutosavedText, useRecordSave, type SaveState } from '../../components/autosave';
import { ContactCombobox } from '../../components/contact-combobox.component';
import { DateField } from '../../components/date-time-fields.component';
import { Field } from '../../components/field.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { formatInstantDate } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { LateList } from '../overview/styringsdialog-board.page';
import '../overview/styringsdialog.css';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
type Save = (changes: Omit<StyringsdialogSaveInput, 'kommuneId' | 'organisationId' | 'year'>) => Promise<unknown>;

/** A pair's styringsdialog cycle for a year, step by step (issue 17). Every change saves itself (styringsdialog.save). */
export function StyringsdialogPage({ kommuneId, organisationId, year }: { readonly kommuneId: string; readonly organisationId: string; readonly year: string }) {
  const pair = { kommuneId, organisationId, year: Number(year) };
  const cycle = useApiQuery('styringsdialog.get', pair);
  if (!cycle.data) return <QueryState isLoading={cycle.isLoading} error={cycle.error} />;
  return <CycleForm key={cycle.data.id} cycle={cycle.data} />;
}

function CycleForm({ cycle }: { readonly cycle: Styringsdialog }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const update = useApiMutation('styringsdialog.save');
  const plan = useApiMutation('styringsdialog.plan');
  const createAftale = useApiMutation('aftaler.create');
  const aftaler = useApiQuery('aftaler.list', { kommuneId: cycle.kommune.id, organisationId: cycle.organisation.id, kind: 'styringsdialog_aftale', limit: 50 });
  const pair = { kommuneId: cycle.kommune.id, organisationId: cycle.organisation.id, year: cycle.year };
  const { save } = useRecordSave<Parameters<Save>[0]>((changes) => update.mutateAsync({ ...pair, ...changes }));
  const notes = useAutosavedText(`styringsdialog.${cycle.id}.notes`, cycle.notes, (value) => save({ notes: value }));
  const lateOf = (checkpoint: string) => cycle.late.some((l) => l.checkpoint === checkpoint);
  const state: SaveState = notes.state === 'saved' && update.isPending ? 'saving' : notes.state;

  const planMeeting = () =>
    plan.mutate(
      { kommuneId: cycle.kommune.id, organisationIds: [cycle.organisation.id], year: cycle.year },
      { onSuccess: ({ meetingId }) => (toast.show(t('sd.planned')), navigate(`/moeder/${meetingId}`)), onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) },
    );
  const newAftale = () =>
    createAftale.mutate(
      {
        kind: 'styringsdialog_aftale',
        title: t('sd.newAftaleTitle', { year: cycle.year, organisation: cycle.organisation.name }),
        kommuneId: cycle.kommune.id,
        organisationIds: [cycle.organisation.id],
        fromDate: cycle.steps.aftaler.date,
      },
      { onSuccess: (a) => void save({ aftaleId: a.id }).then(() => navigate(`/aftaler/${a.id}`)).catch(() => undefined), onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) },
    );

  return (
    <section>
      <PageHeader
        title={t('sd.pageTitle', { year: cycle.year, organisation: cycle.organisation.name })}
        subtitle={
          <>
            <Link href={`/kommuner/${cycle.kommune.id}`}>{t('sd.pageSubtitle', { kommune: cycle.kommune.name, stage: t(`sd.stages.${cycle.stage}`) })}</Link>
            {' · '}
            <Link href={`/organisationer/${cycle.organisation.id}`}>{cycle.organisation.name}</Link>
            {' · '}
            {state === 'saved' ? t('sd.saved') : t('sd.saving')}
          </>
        }
      />
      {cycle.late.length > 0 ? (
        <div className="card sd-late-card" role="status">
          <h2>{t('sd.lateTitle')}</h2>
          <LateList cycle={cycle} />
        </div>
      ) : null}
      <ol className="sd-steps">
        <StepCard cycle={cycle} step="pakke" save={save} late={lateOf('pakke')} />
        <li className={`sd-step${cycle.meeting?.status === 'afholdt' ? ' sd-step--done' : lateOf('moede') ? ' sd-step--late' : ''}`}>
          <h3>{t('sd.steps.moede')}</h3>
          {cycle.meeting ? (
            <p>
              <Link href={`/moeder/${cycle.meeting.id}`}>{cycle.meeting.title}</Link> ·{' '}
              {t('sd.meetingAt', { date: formatInstantDate(cycle.meeting.startsAt), status: t(`meetings.status.${cycle.meeting.status}`) })}
              {cycle.meeting.shared ? ` · ${t('sd.joint')}` : ''}
              {cycle.meeting.source === 'series' ? ` · ${t('sd.fromSeries')}` : ''}
            </p>
          ) : (
            <p>
              {t('sd.noMeeting')}{' '}
              <button type="button" className="button" onClick={planMeeting} disabled={plan.isPending}>
                {t('sd.plan')}
              </button>
            </p>
          )}
        </li>
        <StepCard cycle={cycle} step="aftaler" save={save} late={lateOf('aftaler')}>
          <div className="sd-aftale">
            <Field label={t('sd.aftale')}>
              {(p) => (
                <select {...p} value={cycle.aftale?.id ?? ''} onChange={(e) => void save({ aftaleId: e.target.value || null }).catch(() => undefined)}>
                  <option value="">{t('sd.noAftale')}</option>
                  {cycle.aftale && !aftaler.data?.items.some((a) => a.id === cycle.aftale?.id) ? <option value={cycle.aftale.id}>{cycle.aftale.title}</option> : null}
                  {aftaler.data?.items.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {cycle.aftale ? (
              <>
                <Link href={`/aftaler/${cycle.aftale.id}`}>{t('sd.openAftale')}</Link>
                {cycle.aftale.goals.length === 0 ? (
                  <p className="muted">{t('sd.noGoals')}</p>
                ) : (
                  <ul className="sd-goals" aria-label={t('sd.goals')}>
                    {cycle.aftale.goals.map((g, i) => (
                      <li key={i}>
                        {g.text} — <strong>{t(`aftaler.goalStatuses.${g.status}`)}</strong>
                        {g.indicator ? <span className="muted"> ({g.indicator})</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              <button type="button" className="button button--secondary" onClick={newAftale} disabled={createAftale.isPending}>
                {t('sd.newAftale')}
              </button>
            )}
          </div>
        </StepCard>
        <StepCard cycle={cycle} step="referat" save={save} late={lateOf('referat')} />
        <StepCard cycle={cycle} step="redegoerelse" save={save} late={lateOf('redegoerelse')} />
      </ol>
      <div className="card form sd-notes">
        <Field label={t('sd.notes')}>{(p) => <textarea {...p} rows={3} {...notes.field} />}</Field>
      </div>
      <p className="muted sd-board__rules">{t('sd.rules')}</p>
    </section>
  );
}

/** One dated step: when, which contact, and who in words. */
function StepCard({ cycle, step, save, late, children }: { readonly cycle: Styringsdialog; readonly step: StyringsdialogStep; readonly save: Save; readonly late: boolean; readonly children?: React.ReactNode }) {
  const { t } = useTranslation();
  const value = cycle.steps[step];
  const who = useAutosavedText(`styringsdialog.${cycle.id}.${step}.who`, value.who, (text) => save({ [step]: { who: text } }));
  return (
    <li className={`sd-step${value.date ? ' sd-step--done' : late ? ' sd-step--late' : ''}`} data-step={step}>
      <h3>{t(`sd.steps.${step}`)}</h3>
      <p className="field__hint">{t(`sd.stepHints.${step}`)}</p>
      <div className="sd-step__fields">
        <Field label={t('sd.date')}>
          {(p) => (
            <DateField
              {...p}
              value={value.date ?? ''}
              onChange={(next) => {
                if (next === '' || isoDate.test(next)) void save({ [step]: { date: next === '' ? null : next } }).catch(() => undefined);
              }}
            />
          )}
        </Field>
        <div className="field">
          <span className="sd-step__label">{t('sd.contact')}</span>
          <ContactCombobox
            label={`${t('sd.contact')}: ${t(`sd.steps.${step}`)}`}
            valueLabel={value.contact?.name ?? ''}
            placeholder={t('sd.noContact')}
            fixed={[{ value: '', label: t('sd.noContact') }]}
            onSelect={(id) => void save({ [step]: { contactId: id || null } }).catch(() => undefined)}
          />
        </div>
        <Field label={t('sd.who')}>
          {(p) => <input {...p} {...who.field} placeholder={t('sd.whoPlaceholder')} />}
        </Field>
      </div>
      {children}
    </li>
  );
}

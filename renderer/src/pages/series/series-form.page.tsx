import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { meetingSeriesKinds, type MeetingSeriesKind } from '../../../../common/domain';
import { cadenceUnits, seriesFieldsSchema, type CadenceUnit, type Series } from '../../../../common/meetings.domain';
import { Field } from '../../components/field.component';
import { useValidation } from '../../components/form';
import { PageHeader } from '../../components/page.component';
import { ContactAdder, KommuneSelect } from '../../components/pickers.component';
import { FormActions } from '../../components/tombstone.component';
import { useApiMutation, useApiQuery } from '../../queries';

interface Values {
  title: string;
  kind: MeetingSeriesKind;
  kommuneId: string | null;
  organisationIds: string[];
  memberIds: string[];
  defaultPlace: string;
  cadenceUnit: CadenceUnit;
  cadenceInterval: string;
  template: string;
  year: string;
  notes: string;
}

export function valuesFromSeries(s: Series): Values {
  return {
    title: s.title,
    kind: s.kind,
    kommuneId: s.kommune?.id ?? null,
    organisationIds: s.organisations.map((o) => o.id),
    memberIds: s.members.map((m) => m.id),
    defaultPlace: s.defaultPlace,
    cadenceUnit: s.cadenceUnit,
    cadenceInterval: s.cadenceInterval === null ? '' : String(s.cadenceInterval),
    template: s.agendaTemplate.join('\n'),
    year: s.year === null ? '' : String(s.year),
    notes: s.notes,
  };
}

export function SeriesFormPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  return (
    <section>
      <PageHeader title={t('series.new')} />
      <SeriesForm
        initial={{ title: '', kind: 'kommunesamarbejde', kommuneId: null, organisationIds: [], memberIds: [], defaultPlace: '', cadenceUnit: 'months', cadenceInterval: '3', template: '', year: '', notes: '' }}
        onSaved={(s) => navigate(`/moederaekker/${s.id}`)}
        onCancel={() => history.back()}
      />
    </section>
  );
}

export function SeriesForm({ initial, seriesId, onSaved, onCancel }: { readonly initial: Values; readonly seriesId?: string; readonly onSaved: (s: Series) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(initial);
  const { errors, validate, saveFailed } = useValidation(seriesFieldsSchema);
  const contacts = useApiQuery('contacts.list', {});
  const organisations = useApiQuery('organisations.list', {});
  const create = useApiMutation('series.create');
  const update = useApiMutation('series.update');
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const contactNames = new Map((contacts.data ?? []).map((c) => [c.id, c.name]));
  const organisationNames = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));

  const payload = () => ({
    title: values.title,
    kind: values.kind,
    kommuneId: values.kommuneId,
    organisationIds: values.organisationIds,
    memberIds: values.memberIds,
    defaultPlace: values.defaultPlace,
    cadenceUnit: values.cadenceUnit,
    cadenceInterval: values.cadenceUnit === 'none' || values.cadenceInterval === '' ? null : Number(values.cadenceInterval),
    agendaTemplate: values.template
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    year: values.year === '' ? null : Number(values.year),
    notes: values.notes,
  });

  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = payload();
        if (!validate(input)) return;
        const onError = saveFailed;
        if (seriesId) update.mutate({ id: seriesId, ...input }, { onSuccess: onSaved, onError });
        else create.mutate(input, { onSuccess: onSaved, onError });
      }}
    >
      <Field label={t('common.name')} error={errors.title}>
        {(props) => <input {...props} value={values.title} onChange={(e) => set('title', e.target.value)} autoFocus />}
      </Field>
      <div className="row">
        <Field label={t('series.kind')} error={errors.kind}>
          {(props) => (
            <select {...props} value={values.kind} onChange={(e) => set('kind', e.target.value as MeetingSeriesKind)}>
              {meetingSeriesKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`series.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.kommune')} error={errors.kommuneId}>
          {(props) => <KommuneSelect {...props} value={values.kommuneId} onChange={(id) => set('kommuneId', id)} emptyLabel={t('meetings.chooseKommune')} />}
        </Field>
        {values.kind === 'styringsdialog' ? (
          <Field label={t('series.year')} error={errors.year}>
            {(props) => <input {...props} className="input--short" inputMode="numeric" value={values.year} onChange={(e) => set('year', e.target.value)} />}
          </Field>
        ) : null}
      </div>
      <fieldset className="fieldset">
        <legend>{t('series.members')}</legend>
        <div className="chips">
          {values.memberIds.map((id) => (
            <span key={id} className="chip">
              {contactNames.get(id) ?? '…'}
              <button type="button" aria-label={`${t('common.remove')} ${contactNames.get(id) ?? ''}`} onClick={() => set('memberIds', values.memberIds.filter((x) => x !== id))}>
                ×
              </button>
            </span>
          ))}
          <ContactAdder exclude={values.memberIds} onAdd={(id) => set('memberIds', [...values.memberIds, id])} label={t('meetings.addInvitee')} aria-label={t('series.members')} />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('series.organisations')}</legend>
        <div className="chips">
          {values.organisationIds.map((id) => (
            <span key={id} className="chip">
              {organisationNames.get(id) ?? '…'}
              <button type="button" aria-label={`${t('common.remove')} ${organisationNames.get(id) ?? ''}`} onClick={() => set('organisationIds', values.organisationIds.filter((x) => x !== id))}>
                ×
              </button>
            </span>
          ))}
          <select aria-label={t('series.organisations')} value="" onChange={(e) => e.target.value && set('organisationIds', [...values.organisationIds, e.target.value])}>
            <option value="">{t('series.addOrganisation')}</option>
            {organisations.data
              ?.filter((o) => !values.organisationIds.includes(o.id))
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </select>
        </div>
      </fieldset>
      <div className="row">
        <Field label={t('series.defaultPlace')} error={errors.defaultPlace}>
          {(props) => <input {...props} value={values.defaultPlace} onChange={(e) => set('defaultPlace', e.target.value)} />}
        </Field>
        <Field label={t('series.cadence')} error={errors.cadenceInterval}>
          {(props) => (
            <span className="cadence">
              <input {...props} className="input--short" inputMode="numeric" disabled={values.cadenceUnit === 'none'} value={values.cadenceInterval} onChange={(e) => set('cadenceInterval', e.target.value)} />
              <select aria-label={t('series.cadence')} value={values.cadenceUnit} onChange={(e) => set('cadenceUnit', e.target.value as CadenceUnit)}>
                {cadenceUnits.map((u) => (
                  <option key={u} value={u}>
                    {u === 'none' ? t('series.cadenceNone') : t(`series.cadenceUnit.${u}`)}
                  </option>
                ))}
              </select>
            </span>
          )}
        </Field>
      </div>
      <Field label={t('series.template')} hint={t('series.templateHint')} error={Object.entries(errors).find(([k]) => k.startsWith('agendaTemplate'))?.[1]}>
        {(props) => <textarea {...props} rows={4} value={values.template} onChange={(e) => set('template', e.target.value)} />}
      </Field>
      <Field label={t('common.notes')} error={errors.notes}>
        {(props) => <textarea {...props} rows={3} value={values.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
      <FormActions pending={create.isPending || update.isPending} onCancel={onCancel} />
    </form>
  );
}

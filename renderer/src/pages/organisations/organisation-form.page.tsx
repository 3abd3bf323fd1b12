import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { organisationCreateInputSchema, organisationKinds, type Organisation, type OrganisationKind } from '../../../../common/domain';
import { compareDanish } from '../../../../common/text-fold';
import { describeError } from '../../api';
import { Field } from '../../components/field.component';
import { useValidation } from '../../components/form';
import { PageHeader } from '../../components/page.component';
import { FormActions } from '../../components/tombstone.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';

interface FormValues {
  name: string;
  kind: OrganisationKind | '';
  notes: string;
  kommuneIds: string[];
}

/** New organisation (optionally pre-linked to a kommune) — a page of its own. */
export function OrganisationFormPage({ kommuneId }: { readonly kommuneId?: string | undefined }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  return (
    <section>
      <PageHeader title={t('organisations.new')} />
      <OrganisationForm
        initial={{ name: '', kind: 'boligorganisation', notes: '', kommuneIds: kommuneId ? [kommuneId] : [] }}
        onSaved={(o) => navigate(`/organisationer/${o.id}`)}
        onCancel={() => history.back()}
      />
    </section>
  );
}

/** Create or edit; validates with the contract's schema; the typed values survive every error. */
export function OrganisationForm({
  initial,
  organisationId,
  onSaved,
  onCancel,
}: {
  readonly initial: FormValues;
  readonly organisationId?: string;
  readonly onSaved: (organisation: Organisation) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [values, setValues] = useState<FormValues>(initial);
  const { errors, validate, fromServer } = useValidation(organisationCreateInputSchema);
  const kommuner = useApiQuery('kommuner.list', {});
  const create = useApiMutation('organisations.create');
  const update = useApiMutation('organisations.update');
  const pending = create.isPending || update.isPending;
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const byId = new Map((kommuner.data ?? []).map((k) => [k.id, k]));
  const available = (kommuner.data ?? []).filter((k) => !values.kommuneIds.includes(k.id));

  const submit = () => {
    const parsed = validate(values);
    if (!parsed) return;
    const onError = (error: Error) => {
      if (!fromServer(error)) toast.show(describeError(t, error), { tone: 'error' });
    };
    if (organisationId) update.mutate({ id: organisationId, ...parsed }, { onSuccess: onSaved, onError });
    else create.mutate(parsed, { onSuccess: onSaved, onError });
  };

  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label={t('common.name')} error={errors.name}>
        {(props) => <input {...props} value={values.name} onChange={(e) => set('name', e.target.value)} autoFocus />}
      </Field>
      <Field label={t('common.kind')} error={errors.kind}>
        {(props) => (
          <select {...props} value={values.kind} onChange={(e) => set('kind', e.target.value as OrganisationKind)}>
            {organisationKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.organisation.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('organisations.linkedKommuner')} error={errors.kommuneIds} hint={values.kind === 'boligorganisation' ? t('organisations.kommunerHint') : undefined}>
        {(props) => (
          <div className="chips">
            {values.kommuneIds
              .map((id) => byId.get(id))
              .filter((k) => k !== undefined)
              .sort((a, b) => compareDanish(a.navn, b.navn))
              .map((k) => (
                <span key={k.id} className="chip">
                  {k.navn}
                  <button
                    type="button"
                    aria-label={`${t('common.remove')} ${k.navn}`}
                    onClick={() => set('kommuneIds', values.kommuneIds.filter((id) => id !== k.id))}
                  >
                    ×
                  </button>
                </span>
              ))}
            <select
              {...props}
              value=""
              onChange={(e) => {
                if (e.target.value) set('kommuneIds', [...values.kommuneIds, e.target.value]);
              }}
            >
              <option value="">{t('organisations.addKommune')}</option>
              {available.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.navn}
                </option>
              ))}
            </select>
          </div>
        )}
      </Field>
      <Field label={t('common.notes')} error={errors.notes}>
        {(props) => <textarea {...props} rows={4} value={values.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
      <FormActions pending={pending} onCancel={onCancel} />
    </form>
  );
}

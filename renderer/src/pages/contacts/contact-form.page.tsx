import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { contactCreateInputSchema, contactFieldsSchema, type Contact } from '../../../../common/domain';
import { describeError } from '../../api';
import { Field } from '../../components/field.component';
import { useValidation, type FieldErrors } from '../../components/form';
import { PageHeader } from '../../components/page.component';
import { FormActions } from '../../components/tombstone.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation } from '../../queries';
import { AffiliationFields, emptyAffiliation, type AffiliationValues } from './affiliation-fields.component';

export interface ContactValues {
  name: string;
  emails: string[];
  phones: string[];
  notes: string;
}

export function ContactFormPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  return (
    <section>
      <PageHeader title={t('contacts.new')} />
      <ContactForm initial={{ name: '', emails: [''], phones: [''], notes: '' }} withRoles onSaved={(c) => navigate(`/kontakter/${c.id}`)} onCancel={() => history.back()} />
    </section>
  );
}

/** Blank list rows are the "add another" slots; they are not sent. */
const compact = (values: readonly string[]) => values.map((v) => v.trim()).filter((v) => v !== '');

export function ContactForm({
  initial,
  contactId,
  withRoles = false,
  onSaved,
  onCancel,
}: {
  readonly initial: ContactValues;
  readonly contactId?: string;
  readonly withRoles?: boolean;
  readonly onSaved: (contact: Contact) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [values, setValues] = useState<ContactValues>(initial);
  const [roles, setRoles] = useState<AffiliationValues[]>([]);
  const { errors, validate, fromServer } = useValidation(withRoles ? contactCreateInputSchema : contactFieldsSchema);
  const create = useApiMutation('contacts.create');
  const update = useApiMutation('contacts.update');
  const pending = create.isPending || update.isPending;
  const set = <K extends keyof ContactValues>(key: K, value: ContactValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = () => {
    const payload = { ...values, emails: compact(values.emails), phones: compact(values.phones), ...(withRoles ? { affiliations: roles } : {}) };
    if (!validate(payload)) return;
    const onError = (error: Error) => {
      if (!fromServer(error)) toast.show(describeError(t, error), { tone: 'error' });
    };
    if (contactId) update.mutate({ id: contactId, ...payload }, { onSuccess: onSaved, onError });
    else create.mutate({ ...payload, affiliations: roles }, { onSuccess: onSaved, onError });
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
      <ListField label={t('contacts.emails')} addLabel={t('contacts.addEmail')} field="emails" type="email" values={values.emails} onChange={(v) => set('emails', v)} errors={errors} />
      <ListField label={t('contacts.phones')} addLabel={t('contacts.addPhone')} field="phones" type="tel" values={values.phones} onChange={(v) => set('phones', v)} errors={errors} />
      <Field label={t('common.notes')} error={errors.notes}>
        {(props) => <textarea {...props} rows={3} value={values.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
      {withRoles ? (
        <fieldset className="fieldset">
          <legend>{t('contacts.currentRoles')}</legend>
          {roles.map((role, index) => (
            <div key={index} className="role-editor">
              <AffiliationFields values={role} errors={errors} prefix={`affiliations.${index}.`} onChange={(next) => setRoles((list) => list.map((r, i) => (i === index ? next : r)))} />
              <button type="button" className="button button--link" onClick={() => setRoles((list) => list.filter((_, i) => i !== index))}>
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={() => setRoles((list) => [...list, emptyAffiliation])}>
            {t('contacts.addRole')}
          </button>
        </fieldset>
      ) : null}
      <FormActions pending={pending} onCancel={onCancel} />
    </form>
  );
}

/**
 * Several e-mails or phones. Errors from the schema refer to the compacted
 * list, so indices are mapped back to the rows the user sees.
 */
function ListField({
  label,
  addLabel,
  field,
  type,
  values,
  onChange,
  errors,
}: {
  readonly label: string;
  readonly addLabel: string;
  readonly field: string;
  readonly type: string;
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
  readonly errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const filledIndices = values.map((v, i) => (v.trim() ? i : -1)).filter((i) => i >= 0);
  const errorFor = (row: number) => {
    const compactIndex = filledIndices.indexOf(row);
    return compactIndex >= 0 ? errors[`${field}.${compactIndex}`] : undefined;
  };
  return (
    <fieldset className="fieldset fieldset--list">
      <legend>{label}</legend>
      {values.map((value, index) => (
        <div key={index} className="list-row">
          <Field label={`${label} ${index + 1}`} error={errorFor(index)}>
            {(props) => <input {...props} type={type} value={value} onChange={(e) => onChange(values.map((v, i) => (i === index ? e.target.value : v)))} />}
          </Field>
          {values.length > 1 ? (
            <button type="button" className="button button--link" aria-label={`${t('common.remove')} ${label} ${index + 1}`} onClick={() => onChange(values.filter((_, i) => i !== index))}>
              ×
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" className="button button--link" onClick={() => onChange([...values, ''])}>
        + {addLabel}
      </button>
    </fieldset>
  );
}

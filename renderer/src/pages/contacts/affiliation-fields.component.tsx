import { useTranslation } from 'react-i18next';
import { affiliationKinds, type AffiliationKind } from '../../../../common/domain';
import { Field } from '../../components/field.component';
import type { FieldErrors } from '../../components/form';
import { useApiQuery } from '../../queries';
import { DateField } from '../../components/date-time-fields.component';

export interface AffiliationValues {
  title: string;
  kind: AffiliationKind;
  organisationId: string | null;
  kommuneId: string | null;
  fromDate: string | null;
  toDate: string | null;
}

export const emptyAffiliation: AffiliationValues = { title: '', kind: 'embedsmand', organisationId: null, kommuneId: null, fromDate: null, toDate: null };

/** The fields of one role; `prefix` addresses its errors (e.g. "affiliations.0."). */
export function AffiliationFields({
  values,
  onChange,
  errors,
  prefix = '',
}: {
  readonly values: AffiliationValues;
  readonly onChange: (values: AffiliationValues) => void;
  readonly errors: FieldErrors;
  readonly prefix?: string;
}) {
  const { t } = useTranslation();
  const organisations = useApiQuery('organisations.list', {});
  const kommuner = useApiQuery('kommuner.list', {});
  const set = <K extends keyof AffiliationValues>(key: K, value: AffiliationValues[K]) => onChange({ ...values, [key]: value });
  const error = (key: string) => errors[`${prefix}${key}`];
  return (
    <div className="affiliation-fields">
      <Field label={t('contacts.roleTitle')} error={error('title')}>
        {(props) => <input {...props} value={values.title} onChange={(e) => set('title', e.target.value)} placeholder="Borgmester, direktør, formand …" />}
      </Field>
      <Field label={t('contacts.roleKind')} error={error('kind')}>
        {(props) => (
          <select {...props} value={values.kind} onChange={(e) => set('kind', e.target.value as AffiliationKind)}>
            {affiliationKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.affiliation.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('contacts.roleOrganisation')} error={error('organisationId')}>
        {(props) => (
          <select {...props} value={values.organisationId ?? ''} onChange={(e) => set('organisationId', e.target.value || null)}>
            <option value="">{t('contacts.chooseOrganisation')}</option>
            {organisations.data?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('contacts.roleKommune')} error={error('kommuneId')}>
        {(props) => (
          <select {...props} value={values.kommuneId ?? ''} onChange={(e) => set('kommuneId', e.target.value || null)}>
            <option value="">{t('contacts.chooseKommune')}</option>
            {kommuner.data?.map((k) => (
              <option key={k.id} value={k.id}>
                {k.navn}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('contacts.fromDate')} error={error('fromDate')}>
        {(props) => <DateField {...props} value={values.fromDate ?? ''} onChange={(v) => set('fromDate', v || null)} />}
      </Field>
      <Field label={t('contacts.toDate')} error={error('toDate')}>
        {(props) => <DateField {...props} value={values.toDate ?? ''} onChange={(v) => set('toDate', v || null)} />}
      </Field>
    </div>
  );
}

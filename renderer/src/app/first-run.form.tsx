import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstRunSettingsSchema } from '../../../common/domain';
import { Field } from '../components/field.component';
import { useValidation } from '../components/form';
import { Modal } from '../components/modal.component';
import { MyKredseFieldset } from '../components/my-kredse-fieldset.component';
import { useToast } from '../components/toast.component';
import { useApiMutation } from '../queries';
import './first-run.dialog.css';

/** The first-run dialog's form (FirstRunDialog in first-run.dialog.tsx decides when it shows). */
export function FirstRunForm({ initial, onClose }: { readonly initial: { readonly initials: string; readonly email: string; readonly myKredse: readonly number[] }; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useApiMutation('settings.update');
  const { errors, validate, saveFailed } = useValidation(firstRunSettingsSchema);
  const [values, setValues] = useState({ userName: '', initials: initial.initials, email: initial.email, myKredse: [...initial.myKredse] });

  return (
    <Modal title={t('firstRun.title')} onClose={onClose} className="first-run">
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = validate(values);
          if (!parsed) return;
          update.mutate(parsed, {
            onSuccess: (saved) => toast.show(t('firstRun.saved', { name: saved.userName })),
            onError: saveFailed,
          });
        }}
      >
        <p>{t('firstRun.intro')}</p>
        <div className="row">
          <Field label={t('firstRun.userName')} error={errors.userName}>
            {(props) => <input {...props} data-autofocus value={values.userName} onChange={(e) => setValues({ ...values, userName: e.target.value })} autoComplete="name" />}
          </Field>
          <Field label={t('firstRun.initials')} error={errors.initials}>
            {(props) => <input {...props} className="input--short" value={values.initials} onChange={(e) => setValues({ ...values, initials: e.target.value })} maxLength={6} />}
          </Field>
        </div>
        <Field label={t('firstRun.email')} error={errors.email}>
          {(props) => <input {...props} type="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} autoComplete="email" />}
        </Field>
        <MyKredseFieldset legend={t('firstRun.kredse')} hint={t('firstRun.kredseHint')} selected={values.myKredse} onChange={(myKredse) => setValues((v) => ({ ...v, myKredse }))} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('firstRun.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('firstRun.later')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

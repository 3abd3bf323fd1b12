import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, settingsUpdateInputSchema, type Language, type Settings } from '../../../../common/domain';
import { describeError } from '../../api';
import { switchLanguage } from '../../i18n/i18n';
import { Field } from '../../components/field.component';
import { useValidation } from '../../components/form';
import { MyKredseFieldset } from '../../components/my-kredse-fieldset.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import { AboutDialog } from '../../app/about.dialog';
import type { MenuRequest } from '../../app/open-file.listener';

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const settings = useApiQuery('settings.get');
  const info = useApiQuery('app.info');
  const update = useApiMutation('settings.update');
  const [values, setValues] = useState<Settings | null>(null);
  const [dialog, setDialog] = useState<MenuRequest | null>(null);
  const { errors, validate, saveFailed } = useValidation(settingsUpdateInputSchema);
  useEffect(() => {
    if (settings.data && values === null) setValues(settings.data);
  }, [settings.data, values]);
  if (!values) return <QueryState isLoading={settings.isLoading} error={settings.error} />;
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setValues({ ...values, [key]: value });

  return (
    <section>
      <PageHeader title={t('settings.title')} />
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = validate(values);
          if (!parsed) return;
          update.mutate(parsed, {
            onSuccess: (saved) => {
              void switchLanguage(i18n, saved.language).then(() => toast.show(t('settings.saved', { lng: saved.language })));
            },
            onError: saveFailed,
          });
        }}
      >
        <h2>{t('settings.you')}</h2>
        <div className="row">
          <Field label={t('settings.userName')} error={errors.userName}>
            {(props) => <input {...props} value={values.userName} onChange={(e) => set('userName', e.target.value)} autoComplete="name" />}
          </Field>
          <Field label={t('settings.initials')} error={errors.initials}>
            {(props) => <input {...props} className="input--short" value={values.initials} onChange={(e) => set('initials', e.target.value)} maxLength={6} />}
          </Field>
        </div>
        <MyKredseFieldset legend={t('settings.myKredse')} hint={t('settings.myKredseHelp')} selected={values.myKredse} onChange={(myKredse) => set('myKredse', myKredse)} />
        <div className="row">
          <Field label={t('settings.email')} error={errors.email} hint={t('settings.emailHint')}>
            {(props) => <input {...props} type="email" value={values.email} onChange={(e) => set('email', e.target.value)} autoComplete="email" />}
          </Field>
          <Field label={t('settings.reminder')} error={errors.reminderMinutes} hint={t('settings.reminderHint')}>
            {(props) => (
              <select {...props} value={values.reminderMinutes} onChange={(e) => set('reminderMinutes', Number(e.target.value))}>
                {[0, 15, 30, 60, 120, 1440].map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {t(`settings.reminders.m${minutes}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('settings.quietMonths')} error={errors.quietMonths} hint={t('settings.quietMonthsHint')}>
          {(props) => <input {...props} className="input--short" type="number" min={1} max={36} value={values.quietMonths} onChange={(e) => set('quietMonths', Number(e.target.value))} />}
        </Field>
        <Field label={t('settings.language')} error={errors.language}>
          {(props) => (
            <select {...props} value={values.language} onChange={(e) => set('language', e.target.value as Language)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {t(`settings.languages.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
      <InstallationCard />
      {info.data ? (
        <div className="card">
          <h2>{t('settings.about')}</h2>
          <p>{t('settings.version', { version: info.data.version, schema: info.data.schemaVersion })}</p>
          <p className="muted breakall">{t('settings.database', { path: info.data.databasePath })}</p>
          <p className="muted">{t('overview.mapAttribution')}</p>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => setDialog('about')}>
              {t('appShell.aboutTitle')} …
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDialog('reportProblem')}>
              {t('appShell.reportTitle')} …
            </button>
          </div>
        </div>
      ) : null}
      {dialog ? <AboutDialog focus={dialog} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

/** The name other installations see for this one (in their sync pages and history). */
function InstallationCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const status = useApiQuery('sync.status');
  const rename = useApiMutation('sync.rename');
  const [name, setName] = useState<string | null>(null);
  if (!status.data) return null;
  return (
    <div className="card">
      <h2>{t('sync.installation')}</h2>
      <p className="field__hint">{t('settings.installationHelp')}</p>
      <div className="list-row">
        <input aria-label={t('sync.installationName')} value={name ?? status.data.installation.name} onChange={(e) => setName(e.target.value)} />
        <button
          type="button"
          className="button button--secondary"
          disabled={name === null || name.trim() === '' || rename.isPending}
          onClick={() => rename.mutate({ name: name ?? '' }, { onSuccess: () => { setName(null); toast.show(t('settings.saved')); }, onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) })}
        >
          {t('sync.rename')}
        </button>
      </div>
    </div>
  );
}

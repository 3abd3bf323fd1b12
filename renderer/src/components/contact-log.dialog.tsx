import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactLogInputSchema, contactLogKinds, type ContactLogKind } from '../../../common/relationships.domain';
import { danishDate } from '../../../common/time';
import { call, describeError } from '../api';
import { invalidateAfter, useApiMutation } from '../queries';
import { ContactCombobox } from './contact-combobox.component';
import { DateField } from './date-time-fields.component';
import { Field } from './field.component';
import { useValidation } from './form';
import { Modal } from './modal.component';
import { useToast } from './toast.component';
import { useQueryClient } from '@tanstack/react-query';
import './contact-log.css';

export interface ContactLogTarget {
  /** People already in it (the contact page's person, a key person on the hub). */
  readonly people?: readonly { readonly id: string; readonly name: string }[];
  readonly kommune?: { readonly id: string; readonly name: string } | null;
  readonly organisationId?: string | null;
}

/**
 * "Log kontakt": a phone call, an e-mail or a chance meeting in a few
 * keystrokes — date (today), how, a short note, who (one or more), and
 * optionally a follow-up made with it. Opened from the contact page, the
 * kommune hub, Overblik and the command palette. Saved through
 * contactLog.create; the toast offers Fortryd (deletes it again).
 */
export function ContactLogDialog({ target, onClose }: { readonly target: ContactLogTarget; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const client = useQueryClient();
  const create = useApiMutation('contactLog.create');
  const { errors, validate, fromServer } = useValidation(contactLogInputSchema);
  const [date, setDate] = useState(() => danishDate(new Date()));
  const [kind, setKind] = useState<ContactLogKind>('telefon');
  const [note, setNote] = useState('');
  const [people, setPeople] = useState<readonly { id: string; name: string }[]>(target.people ?? []);
  const [withFollowUp, setWithFollowUp] = useState(false);
  const [followUpTitle, setFollowUpTitle] = useState('');
  const [followUpDue, setFollowUpDue] = useState('');

  const save = () => {
    const input = validate({
      date,
      kind,
      note,
      contactIds: people.map((p) => p.id),
      kommuneId: target.kommune?.id ?? null,
      organisationId: target.organisationId ?? null,
      followUp: withFollowUp ? { title: followUpTitle, dueDate: followUpDue || null } : null,
    });
    if (!input) return;
    create.mutate(input, {
      onSuccess: (entry) => {
        onClose();
        toast.show(t('rel.dialogSaved'), {
          action: {
            label: t('rel.dialogUndo'),
            run: () => {
              void call('contactLog.delete', { id: entry.id }).then(() => invalidateAfter(client, 'contactLog.delete'));
            },
          },
        });
      },
      onError: (error) => {
        if (!fromServer(error)) toast.show(describeError(t, error), { tone: 'error' });
      },
    });
  };

  return (
    <Modal title={people.length === 1 && target.people?.length === 1 ? t('rel.logContactFor', { name: people[0]!.name }) : t('rel.logContact')} onClose={onClose} className="contact-log-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="contact-log-dialog__row">
          <Field label={t('rel.dialogDate')} error={errors.date}>
            {(props) => <DateField {...props} value={date} onChange={setDate} />}
          </Field>
          <fieldset className="contact-log-dialog__kinds">
            <legend>{t('rel.dialogKind')}</legend>
            <div className="segmented" role="radiogroup" aria-label={t('rel.dialogKind')}>
              {contactLogKinds.map((k) => (
                <label key={k} className={kind === k ? 'segmented__option segmented__option--on' : 'segmented__option'}>
                  <input type="radio" name="contact-log-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  {t(`rel.contactKind_${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <Field label={t('rel.dialogNote')} error={errors.note}>
          {(props) => <textarea {...props} data-autofocus rows={3} maxLength={2000} placeholder={t('rel.dialogNotePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className={errors.contactIds ? 'field field--invalid' : 'field'}>
          <span className="field__label">{t('rel.dialogPeople')}</span>
          {people.length > 0 ? (
            <ul className="chips" aria-label={t('rel.dialogPeople')}>
              {people.map((p) => (
                <li key={p.id} className="chip">
                  {p.name}
                  <button type="button" aria-label={t('rel.dialogRemovePerson', { name: p.name })} onClick={() => setPeople((list) => list.filter((x) => x.id !== p.id))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <ContactCombobox
            label={t('rel.dialogAddPerson')}
            valueLabel=""
            placeholder={t('rel.dialogAddPerson')}
            exclude={people.map((p) => p.id)}
            onSelect={(id, label) => setPeople((list) => [...list, { id, name: label.split(' – ')[0] ?? label }])}
          />
          {errors.contactIds ? (
            <p className="field__error" role="alert">
              {t('rel.dialogNoPeople')}
            </p>
          ) : null}
        </div>
        {target.kommune ? <p className="muted contact-log-dialog__kommune">{t('rel.dialogKommune', { name: target.kommune.name })}</p> : null}
        <label className="checkbox">
          <input type="checkbox" checked={withFollowUp} onChange={(e) => setWithFollowUp(e.target.checked)} /> {t('rel.dialogFollowUp')}
        </label>
        {withFollowUp ? (
          <div className="contact-log-dialog__row">
            <Field label={t('rel.dialogFollowUpTitle')} error={errors['followUp.title']}>
              {(props) => <input {...props} type="text" maxLength={300} value={followUpTitle} onChange={(e) => setFollowUpTitle(e.target.value)} />}
            </Field>
            <Field label={t('rel.dialogFollowUpDue')} error={errors['followUp.dueDate']}>
              {(props) => <DateField {...props} value={followUpDue} onChange={setFollowUpDue} />}
            </Field>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {t('rel.dialogSave')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

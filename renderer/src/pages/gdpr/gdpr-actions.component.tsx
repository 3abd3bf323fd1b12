import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api';
import { Modal } from '../../components/modal.component';
import { QueryState } from '../../components/page.component';
import { useToast } from '../../components/toast.component';
import { downloadFile } from '../../files';
import { formatMeetingTime } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import './gdpr.css';


/** The same leniency as the backend: spaces around and doubled spaces do not matter, everything else does. */
const sameName = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim() === b.normalize('NFC').replace(/\s+/g, ' ').trim();

export interface GdprActionsProps {
  readonly contactId: string;
  readonly contactName: string;
  /** Called after a successful erasure (e.g. to leave the contact page). */
  readonly onErased?: () => void;
}

/** "Indsigt (GDPR)" and "Slet person (GDPR)" for the contact page. */
export function GdprActions({ contactId, contactName, onErased }: GdprActionsProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const exportZip = useApiMutation('gdpr.export');
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="gdpr-actions" role="group" aria-label={t('gdpr.actions')}>
      <button
        type="button"
        className="button button--secondary"
        disabled={exportZip.isPending}
        onClick={() =>
          exportZip.mutate(
            { contactId },
            {
              onSuccess: (result) => {
                downloadFile(result.fileName, result.base64);
                toast.show(t('gdpr.exported', { file: result.fileName }));
              },
              onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
            },
          )
        }
      >
        {t('gdpr.export')}
      </button>
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        {t('gdpr.erase')}
      </button>
      {confirming ? (
        <EraseDialog
          contactId={contactId}
          contactName={contactName}
          onClose={() => setConfirming(false)}
          onErased={() => {
            setConfirming(false);
            onErased?.();
          }}
        />
      ) : null}
    </div>
  );
}

function EraseDialog({ contactId, contactName, onClose, onErased }: { contactId: string; contactName: string; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const preview = useApiQuery('gdpr.erasePreview', { contactId });
  const erase = useApiMutation('gdpr.erase');
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const summary = preview.data;
  const name = summary?.name ?? contactName;
  const confirmed = summary !== undefined && sameName(typed, name);

  return (
    <Modal title={t('gdpr.title', { name })} onClose={onClose} className="gdpr-dialog">
        <p className="notice notice--warning">{t('gdpr.intro')}</p>
        {summary ? (
          <>
            <p>{t('gdpr.willRemove')}</p>
            <ul>
              <li>{t('gdpr.fieldsLine', { emails: summary.fields.emails, phones: summary.fields.phones })}</li>
              <li>
                {t('gdpr.roles', { count: summary.roles.length })}
                {summary.roles.length ? `: ${summary.roles.map((r) => r.description).join('; ')}` : ''}
              </li>
              <li>
                {t('gdpr.futureMeetings', { count: summary.futureMeetings.length })}
                {summary.futureMeetings.length ? `: ${summary.futureMeetings.map((m) => `${m.title} (${formatMeetingTime(m.startsAt, null)})`).join('; ')}` : ''}
              </li>
              <li>{t('gdpr.followUps', { count: summary.followUps.length })}</li>
              <li>{t('gdpr.series', { count: summary.seriesMemberships.length })}</li>
              {summary.contactLogEntries > 0 ? <li>{t('gdpr.contactLog', { count: summary.contactLogEntries })}</li> : null}
              {summary.helhedsplanRoles.length > 0 ? (
                <li>
                  {t('gdpr.helhedsplanRoles', { count: summary.helhedsplanRoles.length })}: {summary.helhedsplanRoles.map((r) => r.description).join('; ')}
                </li>
              ) : null}
              <li>{t('gdpr.history', { count: summary.historyOperations })}</li>
            </ul>
            <p className="muted">{t('gdpr.pastKept', { count: summary.pastMeetingsKept })}</p>
          </>
        ) : preview.isLoading ? (
          <p className="muted">{t('gdpr.loading')}</p>
        ) : (
          <QueryState isLoading={false} error={preview.error} />
        )}
        <div className="field">
          <label htmlFor={inputId}>{t('gdpr.confirmLabel')}</label>
          <input id={inputId} data-autofocus value={typed} placeholder={t('gdpr.confirmHint', { name })} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button button--erase"
            disabled={!confirmed || erase.isPending}
            onClick={() =>
              erase.mutate(
                { contactId, confirmName: typed },
                {
                  onSuccess: () => {
                    toast.show(t('gdpr.erased', { name }));
                    onErased();
                  },
                  onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
                },
              )
            }
          >
            {t('gdpr.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('gdpr.cancel')}
          </button>
        </div>
    </Modal>
  );
}

import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FolderFileOutcome, FolderHeldFile, FolderSetAsideFile } from '../../../../common/sync-folder.domain';
import { describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import { formatMeetingTime } from '../../format';
import { useApiMutation } from '../../queries';

/** The sentence the sync-folder status line adds when files wait for the user; '' when none do. */
export function folderWaitingSummary(t: TFunction, held: number, setAside: number): string {
  return [held ? t('syncFolder.statusHeld', { count: held }) : '', setAside ? t('syncFolder.statusSetAside', { count: setAside }) : ''].filter(Boolean).join(' ');
}

/**
 * The sync folder's files that wait for the user (db/sync/sync-folder.ts):
 * held back by the mass-deletion guard (import with the deletions after an
 * explicit tick, or dismiss), and set aside because they failed to apply
 * (try again, or dismiss). The other files keep flowing meanwhile.
 */
export function FolderWaitingFiles({ heldBack, setAside }: { readonly heldBack: readonly FolderHeldFile[]; readonly setAside: readonly FolderSetAsideFile[] }) {
  const { t } = useTranslation();
  const toast = useToast();
  const confirm = useApiMutation('sync.folderConfirm');
  const dismiss = useApiMutation('sync.folderDismiss');
  const retry = useApiMutation('sync.folderRetry');
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const busy = confirm.isPending || dismiss.isPending || retry.isPending;
  const callbacks = {
    onSuccess: ({ outcome }: { readonly outcome: FolderFileOutcome }) =>
      toast.show(t(`syncFolder.outcomes.${outcome}`), outcome === 'setAside' || outcome === 'held' ? { tone: 'error' } : {}),
    onError: (error: Error) => toast.show(describeError(t, error), { tone: 'error' }),
  };
  const tables = (names: readonly string[]) => names.map((x) => t(`sync.tables.${x}`, { defaultValue: x })).join(', ');
  if (heldBack.length === 0 && setAside.length === 0) return null;
  return (
    <div className="sync-folder-files">
      {heldBack.length > 0 ? (
        <section aria-label={t('syncFolder.heldTitle')}>
          <h3>{t('syncFolder.heldTitle')}</h3>
          <p className="field__hint">{t('syncFolder.dismissHint')}</p>
          {heldBack.map((h) => (
            <div key={h.file} className="notice notice--warning sync-folder-file">
              <div>
                <p>{t('syncFolder.heldText', { file: h.file, tables: tables(h.tables) })}</p>
                <p className="muted">{t('syncFolder.heldSince', { date: formatMeetingTime(h.at, null) })}</p>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={checked.has(h.file)}
                    onChange={(e) => setChecked((set) => (e.target.checked ? new Set([...set, h.file]) : new Set([...set].filter((f) => f !== h.file))))}
                  />
                  {t('syncFolder.confirmCheck')}
                </label>
                <div className="list-row">
                  <button type="button" className="button" aria-label={t('syncFolder.confirmLabel', { file: h.file })} disabled={busy || !checked.has(h.file)} onClick={() => confirm.mutate({ file: h.file }, callbacks)}>
                    {t('syncFolder.confirm')}
                  </button>
                  <button type="button" className="button button--secondary" aria-label={t('syncFolder.dismissLabel', { file: h.file })} disabled={busy} onClick={() => dismiss.mutate({ file: h.file }, callbacks)}>
                    {t('syncFolder.dismiss')}
                  </button>
                </div>
              </div>
            </div>
          ))}
        </section>
      ) : null}
      {setAside.length > 0 ? (
        <section aria-label={t('syncFolder.setAsideTitle')}>
          <h3>{t('syncFolder.setAsideTitle')}</h3>
          {setAside.map((s) => (
            <div key={s.file} className="notice notice--warning sync-folder-file">
              <div>
                <p>{t('syncFolder.setAsideText', { file: s.file, reason: s.reason })}</p>
                <p className="muted">{t('syncFolder.setAsideSince', { date: formatMeetingTime(s.at, null) })}</p>
                <div className="list-row">
                  <button type="button" className="button" aria-label={t('syncFolder.retryLabel', { file: s.file })} disabled={busy} onClick={() => retry.mutate({ file: s.file }, callbacks)}>
                    {t('syncFolder.retry')}
                  </button>
                  <button type="button" className="button button--secondary" aria-label={t('syncFolder.dismissLabel', { file: s.file })} disabled={busy} onClick={() => dismiss.mutate({ file: s.file }, callbacks)}>
                    {t('syncFolder.dismiss')}
                  </button>
                </div>
              </div>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}

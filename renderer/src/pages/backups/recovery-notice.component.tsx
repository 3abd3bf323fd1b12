import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../queries';
import { formatBackupTime } from './backups.format';
import './backups.css';

/**
 * Shown at the top of the app after the database was found damaged at start
 * and recovered, until the user has read it ("OK, forstået"): what was
 * restored, that changes since then are missing, where the damaged file is,
 * and that a colleague's .kredsbog file brings their part back.
 */
export function RecoveryNotice() {
  const { t } = useTranslation();
  const status = useApiQuery('backups.status');
  const dismiss = useApiMutation('backups.dismissRecovery');
  const recovery = status.data?.recovery;
  if (!recovery) return null;
  const date = recovery.backupTakenAt ? formatBackupTime(recovery.backupTakenAt) : null;
  return (
    <div className="notice notice--warning recovery-notice" role="alert" aria-labelledby="recovery-notice-title">
      <h2 id="recovery-notice-title">{t('backups.recovery.title')}</h2>
      <p>{date ? t('backups.recovery.restored', { date }) : t('backups.recovery.empty')}</p>
      <p>{t('backups.recovery.kept', { file: recovery.damagedFileKeptAt })}</p>
      <p>{t('backups.recovery.sync')}</p>
      <div>
        <button type="button" className="button" disabled={dismiss.isPending} onClick={() => dismiss.mutate(undefined)}>
          {t('backups.recovery.dismiss')}
        </button>
      </div>
    </div>
  );
}

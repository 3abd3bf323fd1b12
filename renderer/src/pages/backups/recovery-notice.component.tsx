import { useTranslation } from 'react-i18next';
import { describeError } from '../../api';
import { useApiMutation, useApiQuery } from '../../queries';
import { formatBackupTime } from './backups.format';
import './backups.css';

/**
 * Shown at the top of the app after the database was found damaged at start
 * and recovered, until the user has read it ("OK, forstået"): what was
 * restored, that changes since then are missing, where the damaged file is,
 * and that a colleague's .kredsbog file brings their part back.
 * A large database is checked in the background after start: while that
 * runs the status is polled, and damage found is shown here with "Gendan".
 */
export function RecoveryNotice() {
  const { t } = useTranslation();
  const status = useApiQuery('backups.status', undefined, { refetchInterval: (data) => (data?.integrity === 'checking' ? 5000 : false) });
  const dismiss = useApiMutation('backups.dismissRecovery');
  const recover = useApiMutation('backups.recoverDamaged');
  if (status.data?.integrity === 'damaged') {
    return (
      <div className="notice notice--error recovery-notice" role="alert" aria-labelledby="damage-notice-title">
        <h2 id="damage-notice-title">{t('backups.damage.title')}</h2>
        <p>{t('backups.damage.text')}</p>
        <p>{t('backups.damage.advice')}</p>
        {recover.error ? <p>{describeError(t, recover.error)}</p> : null}
        <div>
          <button type="button" className="button" disabled={recover.isPending} onClick={() => recover.mutate(undefined)}>
            {recover.isPending ? t('backups.damage.recovering') : t('backups.damage.recover')}
          </button>
        </div>
      </div>
    );
  }
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

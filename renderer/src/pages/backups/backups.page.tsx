import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupsStatus } from '../../../../common/backups.domain';
import { describeError } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { ConfirmRow } from '../../components/confirm-row.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import { formatBackupTime, formatSize, reasonKey } from './backups.format';
import './backups.css';

/** "Sikkerhedskopier": take one now, see them, restore one (after confirming), and a warning about a risky database location. */
export function BackupsPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const status = useApiQuery('backups.status');
  const list = useApiQuery('backups.list');
  const create = useApiMutation('backups.create');
  const restore = useApiMutation('backups.restore');
  const [confirming, setConfirming] = useState<string | null>(null);
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const s = status.data;
  const backups = list.data;
  if (!s || !backups) return <QueryState isLoading={status.isLoading || list.isLoading} error={status.error ?? list.error} />;

  const doRestore = (entry: BackupEntry) =>
    restore.mutate(
      { name: entry.name },
      {
        onSuccess: () => {
          setConfirming(null);
          toast.show(t('backups.restored', { date: formatBackupTime(entry.createdAt) }));
        },
        onError,
      },
    );

  return (
    <section>
      <PageHeader
        title={t('backups.title')}
        subtitle={t('backups.intro')}
        actions={
          <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate(undefined, { onSuccess: () => toast.show(t('backups.created')), onError })}>
            {t('backups.createNow')}
          </button>
        }
      />
      {s.locationRisk ? <LocationWarning status={s} /> : null}
      <div className="card">
        <dl className="backups-facts">
          <dt>{t('backups.database')}</dt>
          <dd>{s.databaseFile}</dd>
          <dt>{t('backups.folder')}</dt>
          <dd>{s.folder}</dd>
          <dt>{t('backups.lastBackup')}</dt>
          <dd>{s.lastBackup ? formatBackupTime(s.lastBackup.createdAt) : t('backups.noBackup')}</dd>
        </dl>
      </div>
      <div className="card">
        <h2>
          {t('backups.listTitle')} <span className="muted">({t('backups.count', { count: backups.length })})</span>
        </h2>
        {backups.length === 0 ? (
          <p>{t('backups.empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('backups.columns.date')}</th>
                <th scope="col">{t('backups.columns.reason')}</th>
                <th scope="col">{t('backups.columns.size')}</th>
                <th scope="col">
                  <span className="backups-visually-hidden">{t('backups.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((entry) => {
                const date = formatBackupTime(entry.createdAt);
                const [key, values] = reasonKey(entry.reason);
                return (
                  <Fragment key={entry.name}>
                    <tr>
                      <td>{date}</td>
                      <td>{t(key, values)}</td>
                      <td>{formatSize(entry.size)}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t('backups.restoreLabel', { date })}
                          aria-expanded={confirming === entry.name}
                          disabled={restore.isPending}
                          onClick={() => setConfirming(confirming === entry.name ? null : entry.name)}
                        >
                          {t('backups.restore')}
                        </button>
                      </td>
                    </tr>
                    {confirming === entry.name ? (
                      <ConfirmRow
                        columns={4}
                        title={t('backups.confirmTitle')}
                        className="backups-confirm"
                        confirmLabel={t('backups.confirm')}
                        pendingLabel={t('backups.restoring')}
                        cancelLabel={t('backups.cancel')}
                        pending={restore.isPending}
                        onConfirm={() => doRestore(entry)}
                        onCancel={() => setConfirming(null)}
                      >
                            <p>{t('backups.confirmText', { date })}</p>
                            <p>{t('backups.confirmSafety')}</p>
                      </ConfirmRow>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function LocationWarning({ status }: { readonly status: BackupsStatus }) {
  const { t } = useTranslation();
  const toast = useToast();
  const move = useApiMutation('backups.move');
  const [folder, setFolder] = useState<string | null>(null);
  const risk = status.locationRisk;
  if (!risk) return null;
  return (
    <div className="notice notice--warning backups-risk" role="alert">
      <p>{risk.kind === 'network' ? t('backups.risk.network') : t('backups.risk.cloud', { provider: risk.provider ?? 'OneDrive' })}</p>
      <p>{t('backups.risk.advice')}</p>
      {!status.canMove ? (
        <p>{t('backups.moveOnlyInApp')}</p>
      ) : folder === null ? (
        <div>
          <button type="button" className="button button--secondary" onClick={() => setFolder('')}>
            {t('backups.move')}
          </button>
        </div>
      ) : (
        <form
          className="field"
          onSubmit={(event) => {
            event.preventDefault();
            move.mutate(
              { folder },
              {
                onSuccess: (result) => {
                  setFolder(null);
                  toast.show(t('backups.moved', { file: result.databaseFile }));
                },
                onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
              },
            );
          }}
        >
          <label htmlFor="backups-move-folder">{t('backups.moveFolder')}</label>
          <input id="backups-move-folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
          <p className="muted">{t('backups.moveHint')}</p>
          <div className="form-actions">
            <button type="submit" className="button" disabled={folder.trim() === '' || move.isPending}>
              {t('backups.moveConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setFolder(null)}>
              {t('backups.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

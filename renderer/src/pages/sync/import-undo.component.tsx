import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ImportUndoSummary, RecentImport } from '../../../../common/import-undo.domain';
import { call, describeError } from '../../api';
import { ConfirmRow } from '../../components/confirm-row.component';
import { useToast } from '../../components/toast.component';
import { formatMeetingTime } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';

/** What an undo will do (the confirmation), one line per non-zero count. */
export function undoPlanLines(t: TFunction, s: ImportUndoSummary): string[] {
  return [
    s.restoredFields ? t('importUndo.willRestoreFields', { count: s.restoredFields }) : '',
    s.deletedRecords ? t('importUndo.willDelete', { count: s.deletedRecords }) : '',
    s.restoredRecords ? t('importUndo.willRestore', { count: s.restoredRecords }) : '',
    s.skippedChangedSince ? t('importUndo.skippedChangedSince', { count: s.skippedChangedSince }) : '',
    s.skippedErased ? t('importUndo.skippedErased', { count: s.skippedErased }) : '',
    s.skippedMerged ? t('importUndo.skippedMerged', { count: s.skippedMerged }) : '',
  ].filter(Boolean);
}

/** What an undo did, as one short sentence. */
export function undoResultText(t: TFunction, s: ImportUndoSummary): string {
  return [
    s.restoredFields ? t('importUndo.didRestoreFields', { count: s.restoredFields }) : '',
    s.deletedRecords ? t('importUndo.didDelete', { count: s.deletedRecords }) : '',
    s.restoredRecords ? t('importUndo.didRestore', { count: s.restoredRecords }) : '',
    s.skippedChangedSince ? t('importUndo.didSkippedChangedSince', { count: s.skippedChangedSince }) : '',
    s.skippedErased ? t('importUndo.didSkippedErased', { count: s.skippedErased }) : '',
    s.skippedMerged ? t('importUndo.didSkippedMerged', { count: s.skippedMerged }) : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const changesAny = (s: ImportUndoSummary) => s.restoredFields + s.deletedRecords + s.restoredRecords > 0;

/**
 * "Seneste importer" with "Fortryd import" (db/sync/import-undo.ts): each of
 * the recent imports that can still be undone gets a button; the
 * confirmation (inline, as restoring a backup) says what will be set back —
 * computed by a dry run — and the result is shown afterwards.
 */
export function RecentImportsCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const imports = useApiQuery('sync.imports');
  // A dry run writes nothing: no cache invalidation (useApiMutation would refetch everything).
  const plan = useMutation({ mutationFn: (journalId: number) => call('sync.undoImport', { journalId, dryRun: true }) });
  const undo = useApiMutation('sync.undoImport');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [done, setDone] = useState<{ journalId: number; summary: ImportUndoSummary } | null>(null);
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const list = imports.data;
  if (!list) return null;

  const ask = (entry: RecentImport) => {
    if (confirming === entry.journalId) {
      setConfirming(null);
      return;
    }
    setConfirming(entry.journalId);
    setDone(null);
    plan.reset();
    plan.mutate(entry.journalId, {
      onError: (error) => {
        setConfirming(null);
        onError(error);
      },
    });
  };
  const doUndo = (entry: RecentImport) =>
    undo.mutate(
      { journalId: entry.journalId },
      {
        onSuccess: (result) => {
          setConfirming(null);
          setDone({ journalId: entry.journalId, summary: result.summary });
          toast.show(t('importUndo.done'));
        },
        onError,
      },
    );

  return (
    <div className="card">
      <h2>{t('importUndo.title')}</h2>
      <p className="field__hint">{t('importUndo.intro')}</p>
      {list.length === 0 ? (
        <p className="empty">{t('importUndo.none')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th>{t('importUndo.columns.at')}</th>
              <th>{t('importUndo.columns.from')}</th>
              <th>{t('importUndo.columns.changes')}</th>
              <th>{t('importUndo.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((entry) => {
              const date = formatMeetingTime(entry.at, null);
              const name = entry.peerName ?? entry.fileName ?? '–';
              const preview = confirming === entry.journalId && plan.variables === entry.journalId ? plan.data : undefined;
              return (
                <Fragment key={entry.journalId}>
                  <tr>
                    <td>{date}</td>
                    <td>{name}</td>
                    <td>{entry.state === 'undoable' || entry.state === 'undone' ? `${t('importUndo.fieldsChanged', { count: entry.changedFields })}, ${t('importUndo.recordsCreated', { count: entry.createdRecords })}` : '–'}</td>
                    <td>
                      <UndoState entry={entry} />
                      {entry.state === 'undoable' ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t('importUndo.undoLabel', { name, date })}
                          aria-expanded={confirming === entry.journalId}
                          disabled={undo.isPending}
                          onClick={() => ask(entry)}
                        >
                          {t('importUndo.undo')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {confirming === entry.journalId ? (
                    <ConfirmRow
                      columns={4}
                      title={t('importUndo.confirmTitle')}
                      confirmLabel={t('importUndo.confirm')}
                      pendingLabel={t('importUndo.undoing')}
                      cancelLabel={t('importUndo.cancel')}
                      pending={undo.isPending}
                      ready={Boolean(preview)}
                      onConfirm={() => doUndo(entry)}
                      onCancel={() => setConfirming(null)}
                    >
                          <p>{t('importUndo.confirmIntro', { name, date })}</p>
                          {preview ? (
                            <>
                              {changesAny(preview.summary) ? (
                                <ul>
                                  {undoPlanLines(t, preview.summary).map((line) => (
                                    <li key={line}>{line}</li>
                                  ))}
                                </ul>
                              ) : (
                                <p>{t('importUndo.nothingToUndo')}</p>
                              )}
                              <p className="muted">{t('importUndo.confirmSync')}</p>
                            </>
                          ) : (
                            <p className="muted">{t('importUndo.checking')}</p>
                          )}
                    </ConfirmRow>
                  ) : null}
                  {done?.journalId === entry.journalId ? (
                    <tr>
                      <td colSpan={4}>
                        <p className="notice" role="status">
                          <strong>{t('importUndo.resultTitle')}:</strong> {undoResultText(t, done.summary) || t('importUndo.nothingToUndo')}
                        </p>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function UndoState({ entry }: { readonly entry: RecentImport }) {
  const { t } = useTranslation();
  switch (entry.state) {
    case 'undoable':
      return null;
    case 'undone':
      return (
        <span className="muted">
          {t('importUndo.states.undone', { date: entry.undoneAt ? formatMeetingTime(entry.undoneAt, null) : '' })}
          {entry.undo && undoResultText(t, entry.undo) ? `: ${undoResultText(t, entry.undo)}` : ''}
        </span>
      );
    case 'tooLarge':
      return (
        <span className="muted">
          {t('importUndo.states.tooLarge')} <Link href="/sikkerhedskopier">{t('importUndo.backupsLink')}</Link>
        </span>
      );
    case 'tooOld':
    case 'nothingChanged':
      return <span className="muted">{t(`importUndo.states.${entry.state}`)}</span>;
  }
}

import { diffWords } from 'diff';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ConflictData, ImportPreviewData } from '../../../../common/sync.domain';
import { describeError } from '../../api';
import { takeOpenedSyncFile, useOpenedSyncFileVersion } from '../../app/open-file.listener';
import { PageHeader, QueryState } from '../../components/page.component';
import { FileChoice } from '../../components/file-choice.component';
import { JobProgress } from '../../components/job-progress.component';
import { useToast } from '../../components/toast.component';
import { downloadFile, readFileAsBase64 } from '../../files';
import { formatInstantDate, formatMeetingTime } from '../../format';
import { useApiMutation, useApiQuery } from '../../queries';
import { folderWaitingSummary, FolderWaitingFiles } from './folder-files.component';
import { RecentImportsCard } from './import-undo.component';

export function SyncPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const status = useApiQuery('sync.status');
  const rename = useApiMutation('sync.rename');
  const exportFile = useApiMutation('sync.export');
  const [name, setName] = useState<string | null>(null);
  const [peerId, setPeerId] = useState('');
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const s = status.data;
  if (!s) return <QueryState isLoading={status.isLoading} error={status.error} />;
  const doExport = (peer?: string) =>
    exportFile.mutate(peer ? { peerId: peer } : {}, {
      onSuccess: (result) => {
        downloadFile(result.fileName, result.base64);
        toast.show(t('sync.exported', { count: result.operations, file: result.fileName }));
      },
      onError,
    });

  return (
    <section>
      <PageHeader title={t('sync.title')} subtitle={t('sync.intro')} />
      <div className="grid-2">
        <div className="card">
          <h2>{t('sync.installation')}</h2>
          <div className="list-row">
            <input aria-label={t('sync.installationName')} value={name ?? s.installation.name} onChange={(e) => setName(e.target.value)} />
            <button type="button" className="button button--secondary" disabled={name === null || name.trim() === '' || rename.isPending} onClick={() => rename.mutate({ name: name ?? '' }, { onSuccess: () => setName(null), onError })}>
              {t('sync.rename')}
            </button>
          </div>
          <h2>{t('sync.exportTitle')}</h2>
          <div className="sync-export">
            <button type="button" className="button" disabled={exportFile.isPending} onClick={() => doExport()}>
              {t('sync.exportAll')}
            </button>
            <select aria-label={t('sync.exportTo')} value={peerId} onChange={(e) => setPeerId(e.target.value)}>
              <option value="">{t('sync.choosePeer')}</option>
              {s.peers.map((p) => (
                <option key={p.installationId} value={p.installationId}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="button" className="button button--secondary" disabled={!peerId || exportFile.isPending} onClick={() => doExport(peerId)}>
              {t('sync.exportToButton')}
            </button>
          </div>
        </div>
        <ImportCard />
      </div>
      <FolderCard />
      <ConflictsCard />
      <RecentImportsCard />
      <div className="grid-2">
        <div className="card">
          <h2>{t('sync.peers')}</h2>
          {s.peers.length === 0 ? <p className="empty">{t('sync.noPeers')}</p> : null}
          <ul className="plain-list">
            {s.peers.map((p) => (
              <li key={p.installationId}>
                <strong>{p.name}</strong>
                <span className="muted">
                  {' · '}
                  {t('sync.lastReceived')}: {p.lastReceivedAt ? formatInstantDate(p.lastReceivedAt) : '–'} · {t('sync.lastSent')}: {p.lastSentAt ? formatInstantDate(p.lastSentAt) : '–'}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>{t('sync.journal')}</h2>
          {s.journal.length === 0 ? <p className="empty">–</p> : null}
          <ul className="plain-list">
            {s.journal.map((j, i) => {
              const summary = JSON.parse(j.summary) as { applied: number; alreadyPresent: number; conflicts: number };
              return (
                <li key={i}>
                  {formatMeetingTime(j.at, null)} · {j.peerName} · {t('sync.applied', { count: summary.applied })}, {t('sync.conflicts', { count: summary.conflicts })}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </section>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const preview = useApiMutation('sync.preview');
  const doImport = useApiMutation('sync.import');
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [result, setResult] = useState<ImportPreviewData | null>(null);
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const startPreview = (payload: { fileName: string; base64: string }) => {
    setFile(payload);
    setConfirmed(false);
    setResult(null);
    preview.mutate(payload, { onSuccess: setResult, onError });
  };
  // A .kredsbog file opened from the desktop (app/open-file.listener.tsx) gets the same preview as a chosen one.
  const openedVersion = useOpenedSyncFileVersion();
  useEffect(() => {
    const opened = takeOpenedSyncFile();
    if (opened) startPreview(opened);
    // Keyed on the version only: a newly opened file starts a preview, a re-render does not.
  }, [openedVersion]);
  const p = result;
  return (
    <div className="card">
      <h2>{t('sync.importTitle')}</h2>
      <FileChoice label={t('sync.chooseFile')} accept=".kredsbog" onChoose={async (chosen) => startPreview({ fileName: chosen.name, base64: await readFileAsBase64(chosen) })} />
      {preview.isPending ? <JobProgress kind="sync.preview" label={t('sync.reading')} /> : null}
      {p && file ? (
        <div className="sync-preview" aria-label={t('sync.previewTitle')}>
          <h3>{t('sync.previewTitle')}</h3>
          <p>{t('sync.from', { name: p.sender.name, date: formatMeetingTime(p.sender.createdAt, null) })}</p>
          {p.warnings.map((w) => (
            <p key={w} className="notice notice--warning">
              {w}
            </p>
          ))}
          {p.report.nothingToDo ? (
            <p className="notice">{t('sync.nothingToDo')}</p>
          ) : (
            <>
              <p>
                {[t('sync.applied', { count: p.report.applied }), t('sync.alreadyPresent', { count: p.report.alreadyPresent }), t('sync.conflicts', { count: p.report.conflicts }), p.report.held ? t('sync.held', { count: p.report.held }) : null, p.report.editsToDeleted ? t('sync.editsToDeleted', { count: p.report.editsToDeleted }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {p.report.possibleDuplicates ? (
                <p className="notice">
                  <Link href="/dubletter">{t('sync.possibleDuplicates', { count: p.report.possibleDuplicates })}</Link>
                </p>
              ) : null}
              <table className="table table--compact">
                <thead>
                  <tr>
                    {(['table', 'created', 'changed', 'deleted', 'restored'] as const).map((c) => (
                      <th key={c} className={c === 'table' ? undefined : 'num'}>
                        {t(`sync.columns.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(p.report.tables).map(([table, c]) => (
                    <tr key={table}>
                      <td>{t(`sync.tables.${table}`, { defaultValue: table })}</td>
                      <td className="num">{c.created}</td>
                      <td className="num">{c.changed}</td>
                      <td className="num">{c.deleted}</td>
                      <td className="num">{c.restored}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {p.report.samples.some((s) => s.kind === 'changed') ? (
                <details>
                  <summary>{t('sync.examples')}</summary>
                  <ul className="plain-list sync-samples">
                    {p.report.samples
                      .filter((s) => s.kind === 'changed')
                      .slice(0, 20)
                      .map((s) => (
                        <li key={`${s.table}-${s.rowId}`}>
                          {t(`sync.tables.${s.table}`, { defaultValue: s.table })}:{' '}
                          {Object.entries(s.fields).map(([field, v]) => (
                            <span key={field} className="sync-change">
                              {t(`sync.fields.${field}`, { defaultValue: field })}: <del>{String(v.before ?? t('sync.empty'))}</del> → <ins>{String(v.after ?? t('sync.empty'))}</ins>
                            </span>
                          ))}
                        </li>
                      ))}
                  </ul>
                </details>
              ) : null}
              {p.largeDeletes.length > 0 ? (
                <div className="notice notice--warning">
                  <p>{t('sync.largeDeletes', { tables: p.largeDeletes.map((x) => t(`sync.tables.${x}`, { defaultValue: x })).join(', ') })}</p>
                  <label className="checkbox">
                    <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                    {t('sync.confirmDeletes')}
                  </label>
                </div>
              ) : null}
              <button
                type="button"
                className="button"
                disabled={doImport.isPending || (p.largeDeletes.length > 0 && !confirmed)}
                onClick={() =>
                  doImport.mutate(
                    { ...file, confirmLargeDeletes: confirmed },
                    {
                      onSuccess: () => {
                        toast.show(t('sync.imported'));
                        setResult(null);
                        setFile(null);
                      },
                      onError,
                    },
                  )
                }
              >
                {doImport.isPending ? t('common.saving') : t('sync.doImport')}
              </button>
              {doImport.isPending ? <JobProgress kind="sync.import" label={t('sync.importing')} /> : null}
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

function ConflictsCard() {
  const { t } = useTranslation();
  const toast = useToast();
  // A page at a time: a database can hold a hundred thousand open conflicts.
  const [offset, setOffset] = useState(0);
  const conflicts = useApiQuery('sync.conflicts', { offset, limit: conflictPageSize });
  const resolve = useApiMutation('sync.resolve');
  const list = conflicts.data?.rows ?? [];
  const total = conflicts.data?.total ?? 0;
  // Resolving the last conflicts of the last page: step back to a page that still has some.
  useEffect(() => {
    if (conflicts.data && offset > 0 && offset >= total) setOffset(Math.max(0, Math.floor((total - 1) / conflictPageSize) * conflictPageSize));
  }, [conflicts.data, offset, total]);
  const version = (c: ConflictData, which: 'current' | 'other') => {
    const v = c[which];
    const long = longText.has(c.field) && typeof c.current.value === 'string' && typeof c.other.value === 'string';
    return (
      <div className={`conflict__version conflict__version--${which}`}>
        <p className="muted">
          {t(`sync.${which}`)} · {t('sync.by', { name: v.installationName, date: formatMeetingTime(v.at, null) })}
        </p>
        {long ? (
          <TextDiff from={String(c[which === 'current' ? 'other' : 'current'].value)} to={String(v.value)} />
        ) : (
          <p className="prewrap conflict__value">{v.value === null || v.value === '' ? t('sync.empty') : String(v.value)}</p>
        )}
        <button type="button" className="button button--secondary" onClick={() => resolve.mutate({ id: c.id, keep: which }, { onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) })}>
          {t('sync.keep')}
        </button>
      </div>
    );
  };
  return (
    <div className="card">
      <h2>
        {t('sync.conflictsTitle')} ({total})
      </h2>
      {conflicts.data && total === 0 ? <p className="empty">{t('sync.noConflicts')}</p> : null}
      {list.map((c) => (
        <div key={c.id} className="conflict" aria-label={t('sync.conflictField', { label: c.label, field: c.field })}>
          <h3>
            {t(`sync.tables.${c.table}`, { defaultValue: c.table })}: {t('sync.conflictField', { label: c.label, field: t(`sync.fields.${c.field}`, { defaultValue: c.field }) })}
          </h3>
          <div className="conflict__versions">
            {version(c, 'current')}
            {version(c, 'other')}
          </div>
        </div>
      ))}
      {total > conflictPageSize ? (
        <div className="list-row" role="navigation">
          <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - conflictPageSize))}>
            {t('calendar.previous')}
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(total, offset + conflictPageSize)} / {total}
          </span>
          <button type="button" className="button button--secondary" disabled={offset + conflictPageSize >= total} onClick={() => setOffset(offset + conflictPageSize)}>
            {t('calendar.next')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Conflicts shown at once (sync.conflicts pages). */
const conflictPageSize = 50;

/** Sync-mappe: a folder OneDrive/SharePoint/Dropbox already replicates; status line and "Synkronisér nu". */
function FolderCard() {
  const { t } = useTranslation();
  const toast = useToast();
  // Background rounds run every 5 minutes: a file they hold back or set aside shows up without a reload.
  const status = useApiQuery('sync.folder', undefined, { refetchInterval: 60_000 });
  const setFolder = useApiMutation('sync.setFolder');
  const now = useApiMutation('sync.folderNow');
  const [folder, setFolderText] = useState<string | null>(null);
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });
  const s = status.data;
  if (!s) return null;
  const last = s.lastResult;
  return (
    <div className="card">
      <h2>{t('sync.folderTitle')}</h2>
      <p className="field__hint">{t('sync.folderHelp')}</p>
      <div className="list-row">
        <input aria-label={t('sync.folderPath')} placeholder={t('sync.folderPlaceholder')} value={folder ?? s.folder ?? ''} onChange={(e) => setFolderText(e.target.value)} />
        <button type="button" className="button button--secondary" disabled={folder === null || setFolder.isPending} onClick={() => setFolder.mutate({ folder: folder?.trim() ? folder.trim() : null }, { onSuccess: () => setFolderText(null), onError })}>
          {t('common.save')}
        </button>
        <button type="button" className="button" disabled={!s.folder || now.isPending} onClick={() => now.mutate(undefined, { onSuccess: () => toast.show(t('sync.folderDone')), onError })}>
          {t('sync.folderNow')}
        </button>
      </div>
      <p className="muted" role="status">
        {last
          ? t('sync.folderStatus', { date: formatMeetingTime(last.at, null), imported: last.imported.length, waiting: last.waiting.length, written: last.written ? 1 : 0 })
          : s.folder
            ? t('sync.folderNever')
            : t('sync.folderNone')}
        {/* Files held back by the deletion guard or set aside: named here and listed below, until the user acts. */}
        {s.heldBack.length || s.setAside.length ? ` ${folderWaitingSummary(t, s.heldBack.length, s.setAside.length)}` : null}
      </p>
      <FolderWaitingFiles heldBack={s.heldBack} setAside={s.setAside} />
    </div>
  );
}

/** Fields where a conflict is shown as a word diff: minutes, decisions and other prose. */
const longText = new Set(['minutes', 'decision', 'notes', 'description', 'details']);

/** This version's text, with the words it has and the other lacks marked (and the other's shown struck through). */
function TextDiff({ from, to }: { readonly from: string; readonly to: string }) {
  return (
    <p className="prewrap conflict__diff">
      {diffWords(from, to).map((part, i) =>
        part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>,
      )}
    </p>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AboutInfo } from '../../../common/contracts/app-shell.contract';
import { call, describeError } from '../api';
import { Modal } from '../components/modal.component';
import { QueryState } from '../components/page.component';
import { useToast } from '../components/toast.component';
import { downloadFile } from '../files';
import { useApiQuery } from '../queries';
import { OpenFileListener, type MenuRequest } from './open-file.listener';
import './about.dialog.css';

/**
 * "Om Kredsbog": versions and the folders that matter when something goes
 * wrong (data, backups, log), with "Rapportér problem" — a diagnostic zip
 * without personal data (appShell.diagnostics), saved like any export.
 * Opened from the Hjælp menu (via OpenFileListener) or by a button the host
 * app renders; `focus="reportProblem"` titles it for the report.
 */
export function AboutDialog({ focus = 'about', onClose }: { readonly focus?: MenuRequest; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const about = useApiQuery('appShell.about');
  const primary = useRef<HTMLButtonElement>(null);
  // Not a write: no cache invalidation (useApiMutation would refetch everything).
  const diagnostics = useMutation({ mutationFn: () => call('appShell.diagnostics', undefined) });
  const title = focus === 'reportProblem' ? t('appShell.reportTitle') : t('appShell.aboutTitle');

  // The Modal focuses its first control on opening; the menu may ask for the other purpose while it is open.
  useEffect(() => {
    primary.current?.focus();
  }, [focus]);

  const save = () =>
    diagnostics.mutate(undefined, {
      onSuccess: (result) => {
        downloadFile(result.fileName, result.base64);
        toast.show(t('appShell.diagnosticsSaved', { file: result.fileName }));
      },
      onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
    });

  return (
    <Modal title={title} onClose={onClose} className="about-dialog">
        <p className="muted">{t('appShell.tagline')}</p>
        <QueryState isLoading={about.isLoading} error={about.error} />
        {about.data ? <AboutFacts info={about.data} /> : null}
        <section className="about-dialog__report" aria-label={t('appShell.reportTitle')}>
          {focus === 'about' ? <h3>{t('appShell.reportTitle')}</h3> : null}
          <p>{t('appShell.reportIntro')}</p>
          <p className="muted">{t('appShell.reportPrivacy')}</p>
        </section>
        <div className="form-actions">
          <button ref={focus === 'reportProblem' ? primary : undefined} type="button" className="button" disabled={diagnostics.isPending} onClick={save}>
            {diagnostics.isPending ? t('appShell.savingDiagnostics') : t('appShell.saveDiagnostics')}
          </button>
          <button ref={focus === 'about' ? primary : undefined} type="button" className="button button--secondary" onClick={onClose}>
            {t('appShell.close')}
          </button>
        </div>
    </Modal>
  );
}

function AboutFacts({ info }: { readonly info: AboutInfo }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="about-dialog__facts">
        <dt>{t('appShell.version')}</dt>
        <dd>{info.version}</dd>
        <dt>{t('appShell.schemaVersion')}</dt>
        <dd>{info.schemaVersion}</dd>
        <dt>{t('appShell.electron')}</dt>
        <dd>{info.electron ?? t('appShell.notElectron')}</dd>
        <dt>{t('appShell.chrome')}</dt>
        <dd>{info.chrome ?? t('appShell.notElectron')}</dd>
        <dt>{t('appShell.node')}</dt>
        <dd>{info.node}</dd>
        <dt>{t('appShell.os')}</dt>
        <dd>{info.os}</dd>
      </dl>
      <h3>{t('appShell.folders')}</h3>
      <dl className="about-dialog__facts about-dialog__folders">
        <dt>{t('appShell.dataFolder')}</dt>
        <dd>
          <code>{info.dataFolder}</code>
        </dd>
        <dt>{t('appShell.backupsFolder')}</dt>
        <dd>
          <code>{info.backupsFolder}</code>
        </dd>
        <dt>{t('appShell.logsFolder')}</dt>
        <dd>
          <code>{info.logsFolder}</code>
        </dd>
      </dl>
    </>
  );
}

/**
 * Mount once inside the app's providers and router: answers the menu's
 * "Om Kredsbog…" and "Rapportér problem…" and opens .kredsbog files from the
 * desktop in the sync page's import preview.
 */
export function AppShellHost() {
  const [dialog, setDialog] = useState<MenuRequest | null>(null);
  return (
    <>
      <OpenFileListener onMenuRequest={setDialog} />
      {dialog ? <AboutDialog focus={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { call, describeError } from '../api';
import { useApiQuery } from '../queries';
import { useToast } from './toast.component';

/**
 * While a long job runs in the background (an import, its preview), shows how
 * far it has come and offers to stop it. A stopped import changes nothing.
 */
export function JobProgress({ kind, label }: { readonly kind: string; readonly label: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const jobs = useApiQuery('jobs.list', undefined, { refetchInterval: 300 });
  const job = jobs.data?.find((j) => j.kind === kind);
  const percent = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : null;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <span>{label}</span>
      <progress max={100} value={percent ?? undefined} aria-label={label} />
      {percent !== null ? <span className="muted">{t('jobs.percent', { percent })}</span> : null}
      {job ? (
        <button type="button" className="button button--secondary" onClick={() => call('jobs.cancel', { id: job.id }).catch((error: unknown) => toast.show(describeError(t, error), { tone: 'error' }))}>
          {t('jobs.cancel')}
        </button>
      ) : null}
    </div>
  );
}

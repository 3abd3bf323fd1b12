import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { call, describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import { downloadFile } from '../../files';
import { formatDate } from '../../format';
import { useApiQuery } from '../../queries';

/** Overblik: the helhedsplaner's open reporting deadlines in my kredse for the next 90 days, with the same list as an .ics for Outlook (issue 17). */
export function HelhedsplanDeadlinesCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const deadlines = useApiQuery('helhedsplaner.deadlines', { onlyMyKredse: true });
  const exportIcs = async () => {
    try {
      const file = await call('helhedsplaner.deadlinesIcs', { onlyMyKredse: true });
      downloadFile(file.fileName, file.base64);
    } catch (error) {
      toast.show(describeError(t, error), { tone: 'error' });
    }
  };
  const rows = deadlines.data ?? [];
  return (
    <div className="card dashboard__wide" id="dashboard-helhedsplaner">
      <div className="card__header">
        <h2>{t('helhedsplaner.overviewTitle')}</h2>
        {rows.length > 0 ? (
          <button type="button" className="button button--secondary" onClick={() => void exportIcs()}>
            {t('helhedsplaner.icsExport')}
          </button>
        ) : null}
      </div>
      {deadlines.data && rows.length === 0 ? <p className="empty">{t('helhedsplaner.overviewEmpty')}</p> : null}
      {rows.length > 0 ? (
        <ul className="plain-list">
          {rows.slice(0, 12).map((d) => (
            <li key={d.deadlineId}>
              <span className="muted">{formatDate(d.date)}</span> {d.title || t(`helhedsplaner.deadlineKinds.${d.kind}`)}: <Link href={`/helhedsplaner/${d.helhedsplanId}`}>{d.helhedsplanName}</Link>
              {d.kommuneNavn ? <span className="muted"> · {d.kommuneNavn}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

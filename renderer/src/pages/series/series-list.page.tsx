import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeader, QueryState } from '../../components/page.component';
import { formatInstantDate } from '../../format';
import { useApiQuery } from '../../queries';

export function SeriesListPage() {
  const { t } = useTranslation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const series = useApiQuery('series.list', { includeArchived });
  return (
    <section>
      <PageHeader
        title={t('series.title')}
        actions={
          <Link href="/moederaekker/ny" className="button">
            {t('series.new')}
          </Link>
        }
      />
      <div className="filters">
        <label className="checkbox">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('series.showArchived')}
        </label>
      </div>
      <QueryState isLoading={series.isLoading} error={series.error} />
      {series.data && series.data.length === 0 ? <p className="empty">{t('series.empty')}</p> : null}
      {series.data && series.data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('series.kind')}</th>
              <th>{t('common.kommune')}</th>
              <th>{t('series.lastMeeting')}</th>
              <th>{t('series.nextMeeting')}</th>
              <th className="num">{t('series.openFollowUps')}</th>
            </tr>
          </thead>
          <tbody>
            {series.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/moederaekker/${s.id}`}>{s.title}</Link> {s.archived ? <span className="badge">{t('series.archived')}</span> : null}
                </td>
                <td>{t(`series.kinds.${s.kind}`)}</td>
                <td>{s.kommune?.name ?? ''}</td>
                <td>{s.lastMeetingAt ? formatInstantDate(s.lastMeetingAt) : <span className="muted">–</span>}</td>
                <td>{s.nextMeetingAt ? formatInstantDate(s.nextMeetingAt) : <span className="muted">–</span>}</td>
                <td className="num">{s.openFollowUps}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { meetingSeriesKinds, type MeetingSeriesKind } from '../../../../common/domain';
import { compareDanish, foldDanish } from '../../../../common/text-fold';
import { PageHeader, QueryState } from '../../components/page.component';
import { formatInstantDate } from '../../format';
import { useApiQuery } from '../../queries';

export function SeriesListPage() {
  const { t } = useTranslation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MeetingSeriesKind | ''>('');
  const [kommuneId, setKommuneId] = useState('');
  const [year, setYear] = useState('');
  const series = useApiQuery('series.list', { includeArchived });
  const all = useMemo(() => series.data ?? [], [series.data]);
  const kommuner = useMemo(() => {
    const byId = new Map(all.flatMap((s) => (s.kommune ? [[s.kommune.id, s.kommune.name] as const] : [])));
    return [...byId].sort((a, b) => compareDanish(a[1], b[1]));
  }, [all]);
  const years = useMemo(() => [...new Set(all.flatMap((s) => (s.year === null ? [] : [s.year])))].sort((a, b) => b - a), [all]);
  const shown = useMemo(() => {
    const words = foldDanish(query).split(/\s+/).filter(Boolean);
    return all.filter((s) => {
      if (kind && s.kind !== kind) return false;
      if (kommuneId && s.kommune?.id !== kommuneId) return false;
      if (year && String(s.year) !== year) return false;
      if (words.length === 0) return true;
      // Title, kommune and organisations are searched together: "styringsdialog brabrand" finds one row.
      const text = foldDanish([s.title, s.kommune?.name ?? '', ...s.organisations.map((o) => o.name)].join(' '));
      return words.every((w) => text.includes(w));
    });
  }, [all, kind, kommuneId, year, query]);
  return (
    <section>
      <PageHeader
        title={t('series.title')}
        subtitle={all.length > 0 ? t('series.count', { shown: shown.length, count: all.length }) : undefined}
        actions={
          <Link href="/moederaekker/ny" className="button">
            {t('series.new')}
          </Link>
        }
      />
      <div className="filters" role="search">
        <input type="search" className="filters__query" placeholder={t('series.filterPlaceholder')} aria-label={t('series.filterPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select aria-label={t('series.kind')} value={kind} onChange={(e) => setKind(e.target.value as MeetingSeriesKind | '')}>
          <option value="">{t('series.allKinds')}</option>
          {meetingSeriesKinds.map((k) => (
            <option key={k} value={k}>
              {t(`series.kinds.${k}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('common.kommune')} value={kommuneId} onChange={(e) => setKommuneId(e.target.value)}>
          <option value="">{t('series.allKommuner')}</option>
          {kommuner.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label={t('series.year')} value={year} onChange={(e) => setYear(e.target.value)}>
          <option value="">{t('series.allYears')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('series.showArchived')}
        </label>
      </div>
      <QueryState isLoading={series.isLoading} error={series.error} />
      {series.data && all.length === 0 ? <p className="empty">{t('series.empty')}</p> : null}
      {series.data && all.length > 0 && shown.length === 0 ? <p className="empty">{t('series.noMatch')}</p> : null}
      {shown.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('series.kind')}</th>
              <th>{t('common.kommune')}</th>
              <th>{t('series.organisations')}</th>
              <th>{t('series.lastMeeting')}</th>
              <th>{t('series.nextMeeting')}</th>
              <th className="num">{t('series.openFollowUps')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <td className="nowrap">
                  <Link href={`/moederaekker/${s.id}`}>{s.title}</Link> {s.archived ? <span className="badge">{t('series.archived')}</span> : null}
                </td>
                <td>{t(`series.kinds.${s.kind}`)}</td>
                <td>{s.kommune?.name ?? ''}</td>
                <td>{s.organisations.length > 0 ? s.organisations.map((o) => o.name).join(', ') : <span className="muted">–</span>}</td>
                <td className="nowrap">{s.lastMeetingAt ? formatInstantDate(s.lastMeetingAt) : <span className="muted">–</span>}</td>
                <td className="nowrap">{s.nextMeetingAt ? formatInstantDate(s.nextMeetingAt) : <span className="muted">–</span>}</td>
                <td className="num">{s.openFollowUps}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

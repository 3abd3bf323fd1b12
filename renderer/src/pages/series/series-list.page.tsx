import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { meetingSeriesKinds, type MeetingSeriesKind } from '../../../../common/domain';
import { call } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { VirtualRows } from '../../components/virtual-rows.component';
import { usePagedList } from '../../components/virtual-rows.paging';
import { formatInstantDate } from '../../format';
import { useApiQuery } from '../../queries';
import { FilterSearch, FilterSelect } from '../../components/filters.component';

/**
 * Møderækker, a page at a time: search and every filter run in SQL
 * (series.page), the order is Danish by kommune then title, and only the
 * rows near the viewport are in the DOM.
 */
export function SeriesListPage() {
  const { t } = useTranslation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MeetingSeriesKind | ''>('');
  const [kommuneId, setKommuneId] = useState<string | null>(null);
  const [organisationId, setOrganisationId] = useState('');
  const [year, setYear] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const filter = {
    query: deferredQuery || undefined,
    kind: kind || undefined,
    kommuneId: kommuneId ?? undefined,
    organisationId: organisationId || undefined,
    year: year ? Number(year) : undefined,
    includeArchived,
  };
  const series = usePagedList(['series.page', filter], (page) => call('series.page', { ...filter, ...page }));
  // The unfiltered count ("12 af 571 møderækker") and the years for the year filter; one row's figures are all it computes.
  const everything = useApiQuery('series.page', { includeArchived, limit: 1 });
  const years = everything.data?.years ?? [];
  const organisations = useApiQuery('organisations.list', {});
  const filtered = Boolean(filter.query || filter.kind || filter.kommuneId || filter.organisationId || filter.year);
  const all = everything.data?.total ?? 0;
  const list = series.rows;
  return (
    <section>
      <PageHeader
        title={t('series.title')}
        subtitle={series.loaded && all > 0 ? (filtered ? t('series.count', { shown: series.total, count: all }) : t('seriesList.countAll', { count: all })) : undefined}
        actions={
          <Link href="/moederaekker/ny" className="button">
            {t('series.new')}
          </Link>
        }
      />
      <div className="filters" role="search">
        <FilterSearch label={t('series.filterPlaceholder')} value={query} onChange={setQuery} />
        <FilterSelect<MeetingSeriesKind>
          label={t('series.kind')}
          value={kind}
          allLabel={t('series.allKinds')}
          options={meetingSeriesKinds.map((k) => ({ value: k, label: t(`series.kinds.${k}`) }))}
          onChange={setKind}
        />
        <KommuneSelect aria-label={t('common.kommune')} value={kommuneId} onChange={setKommuneId} emptyLabel={t('series.allKommuner')} />
        <FilterSelect
          className="filters__wide"
          label={t('seriesList.organisation')}
          value={organisationId}
          allLabel={t('seriesList.allOrganisations')}
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          onChange={setOrganisationId}
        />
        <FilterSelect label={t('series.year')} value={year} allLabel={t('series.allYears')} options={years.map((y) => ({ value: String(y), label: String(y) }))} onChange={setYear} />
        <label className="checkbox">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('series.showArchived')}
        </label>
      </div>
      <QueryState isLoading={series.isLoading} error={series.error} />
      {series.loaded && list.length === 0 ? <p className="empty">{filtered ? t('series.noMatch') : t('series.empty')}</p> : null}
      {list.length > 0 ? (
        <table className="table table--fixed">
          <colgroup>
            <col style={{ width: '19%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '11%' }} />
            <col style={{ width: '22%' }} />
            <col style={{ width: '11%' }} />
            <col style={{ width: '11%' }} />
            <col style={{ width: '13%' }} />
          </colgroup>
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
          <VirtualRows
            items={list}
            onVisibleEnd={series.onVisibleEnd}
            columns={7}
            rowKey={(s) => s.id}
            renderRow={(s) => (
              <>
                <td>
                  <Link href={`/moederaekker/${s.id}`}>{s.title}</Link> {s.archived ? <span className="badge">{t('series.archived')}</span> : null}
                </td>
                <td>{t(`series.kinds.${s.kind}`)}</td>
                <td>{s.kommune?.name ?? <span className="muted">{t('seriesList.withoutKommune')}</span>}</td>
                <td>{s.organisations.length > 0 ? s.organisations.map((o) => o.name).join(', ') : <span className="muted">–</span>}</td>
                <td className="nowrap">{s.lastMeetingAt ? formatInstantDate(s.lastMeetingAt) : <span className="muted">–</span>}</td>
                <td className="nowrap">{s.nextMeetingAt ? formatInstantDate(s.nextMeetingAt) : <span className="muted">–</span>}</td>
                <td className="num">{s.openFollowUps}</td>
              </>
            )}
          />
        </table>
      ) : null}
    </section>
  );
}

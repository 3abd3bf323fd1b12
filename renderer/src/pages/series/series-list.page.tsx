import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { meetingSeriesKinds, type MeetingSeriesKind } from '../../../../common/domain';
import { call } from '../../api';
import { PageHeader, QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { VirtualTable } from '../../components/virtual-rows.component';
import { usePagedList } from '../../components/virtual-rows.paging';
import { formatInstantDate } from '../../format';
import { useApiQuery } from '../../queries';
import { FilterSearch, FilterSelect } from '../../components/filters.component';

const NONE = <span className="muted">–</span>;

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
        <VirtualTable
          items={list}
          onVisibleEnd={series.onVisibleEnd}
          rowKey={(s) => s.id}
          columns={[
            {
              header: t('common.name'),
              width: '19%',
              cell: (s) => (
                <>
                  <Link href={`/moederaekker/${s.id}`}>{s.title}</Link> {s.archived ? <span className="badge">{t('series.archived')}</span> : null}
                </>
              ),
            },
            { header: t('series.kind'), width: '13%', cell: (s) => t(`series.kinds.${s.kind}`) },
            { header: t('common.kommune'), width: '11%', cell: (s) => s.kommune?.name ?? <span className="muted">{t('seriesList.withoutKommune')}</span> },
            { header: t('series.organisations'), width: '22%', cell: (s) => (s.organisations.length > 0 ? s.organisations.map((o) => o.name).join(', ') : NONE) },
            { header: t('series.lastMeeting'), width: '11%', className: 'nowrap', cell: (s) => (s.lastMeetingAt ? formatInstantDate(s.lastMeetingAt) : NONE) },
            { header: t('series.nextMeeting'), width: '11%', className: 'nowrap', cell: (s) => (s.nextMeetingAt ? formatInstantDate(s.nextMeetingAt) : NONE) },
            { header: t('series.openFollowUps'), width: '13%', className: 'num', cell: (s) => s.openFollowUps },
          ]}
        />
      ) : null}
    </section>
  );
}

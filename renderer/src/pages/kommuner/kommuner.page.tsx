import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { PageHeader, QueryState } from '../../components/page.component';
import { useApiQuery } from '../../queries';
import { SetKredsBar } from './set-kreds.component';
import './kommuner.css';
import { FilterSearch, FilterSelect } from '../../components/filters.component';

export function KommunerPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [regionId, setRegionId] = useState('');
  const [kreds, setKreds] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  const deferredQuery = useDeferredValue(query);
  const regions = useApiQuery('regions.list');
  const kredse = useApiQuery('kredse.list');
  const kommuner = useApiQuery('kommuner.list', {
    query: deferredQuery || undefined,
    regionId: regionId || undefined,
    kredsNumber: kreds ? Number(kreds) : undefined,
    onlyMyKredse: onlyMine || undefined,
  });
  const list = kommuner.data ?? [];
  // Chosen rows by id; kept across filter changes, so kommuner can be gathered from several searches.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const shownSelected = list.filter((k) => selected.has(k.id)).length;
  const toggleAll = (on: boolean) => {
    const next = new Set(selected);
    for (const k of list) {
      if (on) next.add(k.id);
      else next.delete(k.id);
    }
    setSelected(next);
  };

  return (
    <section>
      <PageHeader title={t('kommuner.title')} subtitle={kommuner.data ? t('kommuner.shown', { count: list.length }) : undefined} />
      <div className="filters" role="search">
        <FilterSearch
          label={t('kommuner.filterPlaceholder')}
          value={query}
          onChange={setQuery}
          onKeyDown={(e) => {
            const first = list[0];
            if (e.key === 'Enter' && first) navigate(`/kommuner/${first.id}`);
          }}
          autoFocus
        />
        <FilterSelect label={t('common.region')} value={regionId} allLabel={t('kommuner.allRegions')} options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.navn }))} onChange={setRegionId} />
        <FilterSelect label={t('common.kreds')} value={kreds} allLabel={t('kommuner.allKredse')} options={(kredse.data ?? []).map((k) => ({ value: String(k.number), label: k.name }))} onChange={setKreds} />
        <label className="checkbox">
          <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} />
          {t('kommuner.onlyMine')}
        </label>
      </div>
      <SetKredsBar selected={selected} onClear={() => setSelected(new Set())} />
      <QueryState isLoading={kommuner.isLoading} error={kommuner.error} />
      {kommuner.data && list.length === 0 ? <p className="empty">{t('kommuner.empty')}</p> : null}
      {list.length > 0 ? (
        <table className="table kommuner-table">
          <thead>
            <tr>
              <th className="kommuner-table__check">
                <input
                  type="checkbox"
                  aria-label={t('kredse.selectAll')}
                  checked={shownSelected === list.length}
                  ref={(el) => {
                    if (el) el.indeterminate = shownSelected > 0 && shownSelected < list.length;
                  }}
                  onChange={(e) => toggleAll(e.target.checked)}
                />
              </th>
              <th className="num">{t('kommuner.columns.kode')}</th>
              <th>{t('kommuner.columns.navn')}</th>
              <th>{t('kommuner.columns.region')}</th>
              <th>{t('kommuner.columns.kreds')}</th>
              <th className="num">{t('kommuner.columns.organisations')}</th>
              <th className="num">{t('kommuner.columns.contacts')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((k) => (
              <tr key={k.id} className={selected.has(k.id) ? 'row--selected' : undefined}>
                <td className="kommuner-table__check">
                  <input type="checkbox" aria-label={t('kredse.select', { name: k.navn })} checked={selected.has(k.id)} onChange={(e) => toggle(k.id, e.target.checked)} />
                </td>
                <td className="num muted">{k.kode}</td>
                <td>
                  <Link href={`/kommuner/${k.id}`}>{k.navn}</Link>
                </td>
                <td className="muted">{k.regionNavn}</td>
                <td>{k.kredsNumber ? `${k.kredsNumber}. kreds` : <span className="muted">–</span>}</td>
                <td className="num">{k.organisationCount || <span className="muted">0</span>}</td>
                <td className="num">{k.contactCount || <span className="muted">0</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { boligomraadeCategories, gravestCategory, type BoligomraadeCategory, type BoligomraadeUpdateInput } from '../../../../common/boligomraader.domain';
import { describeError } from '../../api';
import { Field } from '../../components/field.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { KommuneSelect } from '../../components/pickers.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import { CategoryBadges } from './list-changes.component';
import './boligomraader.css';

/**
 * A boligområde: its kommune and organisations, its place on the lists year
 * by year (newest first) with what its current list means, and a correction
 * of one year's lists by hand.
 */
export function BoligomraadePage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, navigate] = useLocation();
  const area = useApiQuery('boligomraader.get', { id });
  const organisations = useApiQuery('organisations.list', {});
  const lists = useApiQuery('boligomraader.list', { limit: 1 });
  const update = useApiMutation('boligomraader.update');
  const setStatus = useApiMutation('boligomraader.setStatus');
  const remove = useApiMutation('boligomraader.delete');
  const restore = useApiMutation('boligomraader.restore');
  const [name, setName] = useState<string | null>(null);
  const [notes, setNotes] = useState<string | null>(null);
  const [pickedYear, setYear] = useState<number | null>(null);
  const [chosen, setChosen] = useState<readonly BoligomraadeCategory[] | null>(null);
  useEffect(() => {
    setName(null);
    setNotes(null);
    setChosen(null);
    setYear(null);
  }, [id]);

  const a = area.data;
  if (!a) return <QueryState isLoading={area.isLoading} error={area.error} />;
  const save = (input: Omit<BoligomraadeUpdateInput, 'id'>) =>
    update.mutate({ id, ...input }, { onSuccess: () => toast.show(t('common.saved')), onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) });
  const gravest = gravestCategory(a.categories);
  const listYears = lists.data?.years ?? [];
  const newest = listYears[0] ?? null;
  // Every list year in Kredsbog, so a year the area was on no list shows as such (history holds only the years it was on one).
  const historyYears = [...new Set([...listYears, ...a.history.map((h) => h.year)])].sort((x, y) => y - x);
  const year = pickedYear ?? newest ?? new Date().getFullYear();
  const yearCategories = chosen ?? a.history.find((h) => h.year === year)?.categories ?? [];
  const years = Array.from({ length: 10 }, (_, i) => new Date().getFullYear() - i);

  return (
    <section>
      <PageHeader
        title={a.name}
        subtitle={
          <>
            {a.kommuneId ? <Link href={`/kommuner/${a.kommuneId}`}>{`${a.kommuneNavn} Kommune`}</Link> : t('boligomraader.area.noKommune')}
            {newest !== null
              ? ` · ${t('boligomraader.yearOption', { year: newest })}: ${a.categories.length ? a.categories.map((c) => t(`boligomraader.categories.${c}`).toLowerCase()).join(', ') : t('boligomraader.notListed').toLowerCase()}`
              : ''}
          </>
        }
        actions={
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              remove.mutate(
                { id },
                {
                  onSuccess: () => {
                    toast.show(t('boligomraader.area.deleted'), { action: { label: t('boligomraader.area.undo'), run: () => restore.mutate({ id }, { onSuccess: () => navigate(`/boligomraader/${id}`) }) } });
                    navigate('/boligomraader');
                  },
                  onError: (e) => toast.show(describeError(t, e), { tone: 'error' }),
                },
              )
            }
          >
            {t('boligomraader.area.delete')}
          </button>
        }
      />
      <div className="grid-2">
        <div className="card">
          <h2>{t('boligomraader.area.history')}</h2>
          {historyYears.length === 0 ? (
            <p className="empty">{t('boligomraader.area.historyEmpty')}</p>
          ) : (
            <ul className="bo-history" aria-label={t('boligomraader.area.history')}>
              {historyYears.map((y) => (
                <li key={y}>
                  <span className="bo-history__year">{y}</span>
                  <span>
                    <CategoryBadges categories={a.history.find((h) => h.year === y)?.categories ?? []} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          {gravest ? <p className="bo-consequence notice">{t(`boligomraader.consequences.${gravest}`)}</p> : null}
          <h2>{t('boligomraader.area.setYear')}</h2>
          <p className="field__hint">{t('boligomraader.area.setYearHint')}</p>
          <div className="bo-year-form">
            <select aria-label={t('boligomraader.year')} value={year} onChange={(e) => (setYear(Number(e.target.value)), setChosen(null))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
            {boligomraadeCategories.map((c) => (
              <label key={c} className="checkbox">
                <input
                  type="checkbox"
                  checked={yearCategories.includes(c)}
                  onChange={(e) => setChosen(e.target.checked ? [...yearCategories, c] : yearCategories.filter((x) => x !== c))}
                />{' '}
                {t(`boligomraader.categories.${c}`)}
              </label>
            ))}
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={chosen === null || setStatus.isPending}
              onClick={() =>
                setStatus.mutate(
                  { id, year, categories: [...yearCategories] },
                  { onSuccess: () => (setChosen(null), toast.show(t('boligomraader.area.yearSaved', { year }))), onError: (e) => toast.show(describeError(t, e), { tone: 'error' }) },
                )
              }
            >
              {t('boligomraader.area.saveYear')}
            </button>
          </div>
        </div>
        <div className="card form">
          <Field label={t('boligomraader.area.name')}>
            {(p) => <input {...p} value={name ?? a.name} onChange={(e) => setName(e.target.value)} onBlur={() => name !== null && name.trim() && name !== a.name && save({ name })} />}
          </Field>
          <Field label={t('boligomraader.area.kommune')}>
            {(p) => <KommuneSelect {...p} value={a.kommuneId} onChange={(kommuneId) => save({ kommuneId })} emptyLabel={t('boligomraader.area.noKommune')} />}
          </Field>
          <Field label={t('boligomraader.area.organisations')} hint={t('boligomraader.area.organisationsHint')}>
            {(p) => (
              <select {...p} multiple size={6} value={a.organisations.map((o) => o.id)} onChange={(e) => save({ organisationIds: Array.from(e.target.selectedOptions, (o) => o.value) })}>
                {organisations.data?.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('boligomraader.area.notes')}>
            {(p) => <textarea {...p} rows={4} value={notes ?? a.notes} onChange={(e) => setNotes(e.target.value)} onBlur={() => notes !== null && notes !== a.notes && save({ notes })} />}
          </Field>
        </div>
      </div>
    </section>
  );
}

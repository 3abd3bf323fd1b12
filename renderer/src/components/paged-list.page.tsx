import { useCallback, useState, type ReactNode } from 'react';
import { FilterSearch, FilterSelect } from './filters.component';
import { PageHeader, QueryState } from './page.component';
import { Pager } from './pager.component';

/** Where a list paged in SQL is, for its query (`offset`, `limit: pageSize`) and its Pager. */
export interface Paging {
  readonly offset: number;
  readonly pageSize: number;
  readonly onOffset: (offset: number) => void;
}

/**
 * The filters and the page of a list paged in SQL (Aftaler, Helhedsplaner,
 * Boligområder): changing a filter goes back to the first page.
 */
export function usePagedFilters<F extends object>(initial: F, pageSize = 50) {
  const [filters, setFilters] = useState<F>(initial);
  const [offset, setOffset] = useState(0);
  const setFilter = useCallback(<K extends keyof F>(key: K, value: F[K]) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setOffset(0);
  }, []);
  const paging: Paging = { offset, pageSize, onOffset: setOffset };
  return { filters, setFilter, paging };
}

/** The list's search field, described for useListFilters. */
export interface SearchFilter {
  readonly label: string;
  readonly placeholder: string;
}

/** An "Alle …" select over a closed set of values (an enum of the domain), described for useListFilters. */
export interface ChoiceFilter<T extends string> {
  readonly label: string;
  readonly allLabel: string;
  readonly values: readonly T[];
  optionLabel(value: T): string;
}

type ListFilters = Readonly<Record<string, SearchFilter | ChoiceFilter<string>>>;

/** What a described filter gives the channel: the text searched for, or one of the select's values. */
type FilterValue<F> = F extends { readonly values: readonly (infer T extends string)[] } ? T : string;

/** The channel's input: each filter's value (undefined while it is not set) and the page. */
export type ListFilterInput<S extends ListFilters> = { readonly [K in keyof S]: FilterValue<S[K]> | undefined } & { readonly offset: number; readonly limit: number };

/**
 * The filter bar of a list paged in SQL, described rather than written out
 * (Aftaler, Helhedsplaner): one search field or "Alle …" select a key, in the
 * order given; '' is "not set". Returns the channel's `input` (the filters
 * and the page) and `bar`, the filter bar's props for PagedListPage:
 *
 * @example
 * const filters = useListFilters({ query: { label: t('aftaler.search'), placeholder: t('aftaler.searchPlaceholder') }, status: { … values: aftaleStatuses … } });
 * const list = useApiQuery('aftaler.list', filters.input);
 * return <PagedListPage {...filters.bar} list={list} … />;
 */
export function useListFilters<S extends ListFilters>(described: S, pageSize = 50) {
  const keys = Object.keys(described);
  const { filters, setFilter, paging } = usePagedFilters<Readonly<Record<string, string>>>(Object.fromEntries(keys.map((key) => [key, ''])), pageSize);
  const valueOf = (key: string) => filters[key] ?? '';
  const controls = keys.map((key) => {
    const filter = described[key];
    if (!filter) return null;
    if (!('values' in filter)) return <FilterSearch key={key} label={filter.label} placeholder={filter.placeholder} value={valueOf(key)} onChange={(value) => setFilter(key, value)} />;
    const options = filter.values.map((value) => ({ value, label: filter.optionLabel(value) }));
    return <FilterSelect key={key} label={filter.label} value={valueOf(key)} allLabel={filter.allLabel} options={options} onChange={(value) => setFilter(key, value)} />;
  });
  const chosen = Object.fromEntries(keys.map((key) => [key, valueOf(key) || undefined]));
  // The keys are S's and each value one of its filter's (the selects offer only those): the cast names that type.
  const input = { ...chosen, offset: paging.offset, limit: paging.pageSize } as ListFilterInput<S>;
  const bar = { filters: controls, paging, filtered: keys.some((key) => valueOf(key) !== '') };
  return { input, bar };
}

/** One page of a list paged in SQL, as its channel returns it. */
interface ListPage {
  readonly items: readonly unknown[];
  readonly total: number;
}

/**
 * A list page paged in SQL (Aftaler, Helhedsplaner, Boligområder): the header,
 * the filter bar, then loading or the error, the empty line (`noMatches` while
 * a filter is set, `none` when there are no records at all), or the page's
 * table with the Pager under it.
 */
export function PagedListPage<P extends ListPage>({ title, subtitle, actions, filters, list, paging, filtered, noMatches, none, table }: {
  readonly title: string;
  readonly subtitle: string;
  readonly actions: ReactNode;
  /** The filter bar's controls (components/filters.component.tsx). */
  readonly filters: ReactNode;
  readonly list: { readonly data: P | undefined; readonly isLoading: boolean; readonly error: unknown };
  readonly paging: Paging;
  readonly filtered: boolean;
  readonly noMatches: string;
  readonly none: string;
  readonly table: (page: P) => ReactNode;
}) {
  const page = list.data;
  return (
    <section>
      <PageHeader title={title} subtitle={subtitle} actions={actions} />
      <div className="filters" role="search">
        {filters}
      </div>
      {!page ? <QueryState isLoading={list.isLoading} error={list.error} /> : null}
      {page && page.items.length === 0 ? <p className="empty">{filtered ? noMatches : none}</p> : null}
      {page && page.items.length > 0 ? (
        <>
          {table(page)}
          <Pager {...paging} total={page.total} />
        </>
      ) : null}
    </section>
  );
}

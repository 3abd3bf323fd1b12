import { useCallback, useState, type ReactNode } from 'react';
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

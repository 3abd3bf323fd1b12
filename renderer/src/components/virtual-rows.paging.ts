import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

/** Load the next page while the user is still this many rows from the end of what is loaded. */
const lookAhead = 60;

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/**
 * A long list loaded a page at a time (sorted and filtered by SQL), for
 * <VirtualRows>: pass `rows` as items and `onVisibleEnd` on, and the next
 * page arrives before the user scrolls to the end. `total` is every match.
 * `queryKey` must name the channel and every filter: a new key starts over at
 * the first page. Example:
 * `usePagedList(['organisations.page', filter], (page) => call('organisations.page', { ...filter, ...page }))`.
 */
export function usePagedList<R>(queryKey: readonly unknown[], fetchPage: (page: PageRequest) => Promise<{ readonly rows: readonly R[]; readonly total: number }>, pageSize = 200) {
  const query = useInfiniteQuery({
    queryKey: [...queryKey, pageSize],
    queryFn: ({ pageParam }) => fetchPage({ offset: pageParam, limit: pageSize }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total && last.rows.length > 0 ? loaded : undefined;
    },
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.rows) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const onVisibleEnd = useCallback(
    (lastIndex: number) => {
      if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - lookAhead) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage, rows.length],
  );
  return { rows, total, loaded: query.data !== undefined, isLoading: query.isLoading, error: query.error, onVisibleEnd };
}

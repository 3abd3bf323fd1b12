import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { usePagedList, type PageRequest } from './virtual-rows.paging';

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('usePagedList', () => {
  it('loads the next page when the end comes near, until every match is loaded', async () => {
    const asked: PageRequest[] = [];
    const { result } = renderHook(
      () =>
        usePagedList(['test.page'], async (page) => {
          asked.push(page);
          const rows = Array.from({ length: Math.max(0, Math.min(page.limit, 250 - page.offset)) }, (_, i) => page.offset + i);
          return { rows, total: 250 };
        }, 100),
      { wrapper },
    );
    await waitFor(() => expect(result.current.rows).toHaveLength(100));
    expect(result.current.total).toBe(250);
    act(() => result.current.onVisibleEnd(99));
    await waitFor(() => expect(result.current.rows).toHaveLength(200));
    act(() => result.current.onVisibleEnd(199));
    await waitFor(() => expect(result.current.rows).toHaveLength(250));
    act(() => result.current.onVisibleEnd(249));
    expect(asked.map((p) => p.offset)).toEqual([0, 100, 200]);
  });

  it('stops asking when a page comes back empty although the total says more (rows deleted meanwhile)', async () => {
    const asked: number[] = [];
    const { result } = renderHook(
      () =>
        usePagedList(['test.shrinking'], async (page) => {
          asked.push(page.offset);
          return { rows: page.offset === 0 ? [1, 2] : [], total: 10 };
        }, 2),
      { wrapper },
    );
    await waitFor(() => expect(result.current.rows).toHaveLength(2));
    act(() => result.current.onVisibleEnd(1));
    await waitFor(() => expect(asked).toEqual([0, 2]));
    act(() => result.current.onVisibleEnd(1));
    act(() => result.current.onVisibleEnd(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual([0, 2]);
  });
});

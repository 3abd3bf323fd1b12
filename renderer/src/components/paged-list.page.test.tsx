import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { FilterSearch } from './filters.component';
import { PagedListPage, usePagedFilters } from './paged-list.page';

const names = Array.from({ length: 120 }, (_, i) => `Aftale ${String(i + 1).padStart(3, '0')}`);

/** A list page over 120 names, filtered and paged here as the channel would in SQL. */
function Names() {
  const { filters, setFilter, paging } = usePagedFilters({ query: '' });
  const matches = names.filter((n) => n.includes(filters.query));
  const data = { items: matches.slice(paging.offset, paging.offset + paging.pageSize), total: matches.length };
  return (
    <PagedListPage
      title="Aftaler"
      subtitle={`${data.total} aftaler`}
      actions={null}
      filters={<FilterSearch label="Søg" value={filters.query} onChange={(value) => setFilter('query', value)} />}
      list={{ data, isLoading: false, error: null }}
      paging={paging}
      filtered={Boolean(filters.query)}
      noMatches="Ingen aftaler passer til søgningen."
      none="Ingen aftaler endnu."
      table={(page) => (
        <ul>
          {page.items.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    />
  );
}

describe('PagedListPage', () => {
  it('pages through the list, and a changed filter starts again on the first page', async () => {
    render(
      <I18nextProvider i18n={createI18n('da')}>
        <Names />
      </I18nextProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Næste' }));
    await userEvent.click(screen.getByRole('button', { name: 'Næste' }));
    expect(screen.getByText('101–120 af 120')).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Søg' }), '1');
    // 40 names hold a "1": one page, from the first.
    expect(screen.getByText('Aftale 001')).toBeTruthy();
    expect(screen.getByText('Aftale 120')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Næste' })).toBeNull();
  });

  it('says "no matches" while a filter finds nothing', async () => {
    render(
      <I18nextProvider i18n={createI18n('da')}>
        <Names />
      </I18nextProvider>,
    );
    await userEvent.type(screen.getByRole('searchbox', { name: 'Søg' }), 'Helhedsplan');
    expect(screen.getByText('Ingen aftaler passer til søgningen.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Næste' })).toBeNull();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { FilterSearch } from './filters.component';
import { PagedListPage, useListFilters, usePagedFilters, type ListFilterInput } from './paged-list.page';

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

  it('draws described filters as the search field and "Alle …" selects, and gives the channel their values and the page', async () => {
    const inputs: unknown[] = [];
    const colours = ['roed', 'groen'] as const;
    const described = {
      query: { label: 'Søg', placeholder: 'Søg i navne' },
      colour: { label: 'Farve', allLabel: 'Alle farver', values: colours, optionLabel: (c: string) => (c === 'roed' ? 'Rød' : 'Grøn') },
    };
    function Described() {
      const filters = useListFilters(described, 50);
      const input: ListFilterInput<typeof described> = filters.input;
      inputs.push(input);
      const data = { items: filters.bar.filtered ? [] : names.slice(input.offset, input.offset + input.limit), total: filters.bar.filtered ? 0 : names.length };
      return (
        <PagedListPage {...filters.bar} title="Aftaler" subtitle="" actions={null} list={{ data, isLoading: false, error: null }} noMatches="Ingen passer." none="Ingen endnu." table={(page) => <p>{page.items.length} vist</p>} />
      );
    }
    render(
      <I18nextProvider i18n={createI18n('da')}>
        <Described />
      </I18nextProvider>,
    );
    expect(screen.getByRole('searchbox', { name: 'Søg' }).getAttribute('placeholder')).toBe('Søg i navne');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Alle farver', 'Rød', 'Grøn']);
    expect(inputs.at(-1)).toEqual({ query: undefined, colour: undefined, offset: 0, limit: 50 });
    await userEvent.click(screen.getByRole('button', { name: 'Næste' }));
    expect(inputs.at(-1)).toEqual({ query: undefined, colour: undefined, offset: 50, limit: 50 });
    // A chosen value goes to the channel, starts again on the first page and counts as a filter.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Farve' }), 'Grøn');
    expect(inputs.at(-1)).toEqual({ query: undefined, colour: 'groen', offset: 0, limit: 50 });
    expect(screen.getByText('Ingen passer.')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Farve' }), 'Alle farver');
    expect(inputs.at(-1)).toEqual({ query: undefined, colour: undefined, offset: 0, limit: 50 });
    expect(screen.getByText('50 vist')).toBeTruthy();
  });
});

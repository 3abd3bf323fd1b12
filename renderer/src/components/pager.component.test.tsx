import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { Pager } from './pager.component';

function Paged({ total }: { readonly total: number }) {
  const [offset, setOffset] = useState(0);
  return <Pager offset={offset} pageSize={50} total={total} onOffset={setOffset} />;
}

describe('Pager', () => {
  it('steps a page forward and back and says which rows are shown', async () => {
    render(
      <I18nextProvider i18n={createI18n('da')}>
        <Paged total={120} />
      </I18nextProvider>,
    );
    expect(screen.getByText('1–50 af 120')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Forrige' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Næste' }));
    await userEvent.click(screen.getByRole('button', { name: 'Næste' }));
    expect(screen.getByText('101–120 af 120')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Næste' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Forrige' }));
    expect(screen.getByText('51–100 af 120')).toBeTruthy();
  });

  it('shows nothing while every row fits on one page', () => {
    const { container } = render(
      <I18nextProvider i18n={createI18n('da')}>
        <Paged total={50} />
      </I18nextProvider>,
    );
    expect(container.textContent).toBe('');
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAftale } from '../../../../db/aftaler/aftaler.repository';
import { derivedId } from '../../../../db/ids';
import { renderWithApp, useRealBackend } from '../../test/real-backend';
import { AftalePage } from './aftale.page';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
beforeEach(async () => {
  backend = await useRealBackend();
});
afterEach(() => backend.dispose());

it('deletes the aftale from its page, says so and goes back to the list', async () => {
  const aftale = await createAftale(backend.database.db, { kind: 'udlejningsaftale', title: 'Udlejningsaftale Køge 2026–2029', kommuneId: derivedId('kommune', 259) });
  const { history } = renderWithApp(<AftalePage id={aftale.id} />, `/aftaler/${aftale.id}`);
  await userEvent.click(await screen.findByRole('button', { name: 'Slet aftale' }));
  expect(await screen.findByText('Aftalen er slettet.')).toBeInTheDocument();
  await waitFor(() => expect(history.at(-1)).toBe('/aftaler'));
  const row = backend.database.sqlite.prepare('SELECT deleted_at FROM aftale WHERE id = ?').get(aftale.id) as { deleted_at: string | null };
  expect(row.deleted_at).not.toBeNull();
});

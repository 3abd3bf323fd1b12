import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../api';
import { renderWithApp } from '../test/real-backend';
import { useValidation } from './form';

const schema = z.object({ name: z.string().min(1) });

/** A form's save failing with `error`: what useValidation's saveFailed makes of it. */
function FailingSave({ error }: { readonly error: ApiError }) {
  const { errors, saveFailed } = useValidation(schema);
  return (
    <>
      <button type="button" onClick={() => saveFailed(error)}>
        Gem
      </button>
      <p data-testid="name-error">{errors.name ?? ''}</p>
    </>
  );
}

describe('a failed save', () => {
  it('puts the server’s field errors on their fields, without a toast', async () => {
    renderWithApp(<FailingSave error={new ApiError({ code: 'VALIDATION', message: 'Ugyldigt.', issues: [{ path: ['name'], message: 'Navnet mangler.' }] })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(screen.getByTestId('name-error')).toHaveTextContent('Navnet mangler.');
    expect(screen.queryByText('Ugyldigt.')).toBeNull();
    expect(screen.queryByText('Oplysningerne er ikke gyldige. Ret de markerede felter.')).toBeNull();
  });

  it('shows any other failure as an error toast in the user’s words, and marks no field', async () => {
    renderWithApp(<FailingSave error={new ApiError({ code: 'INTERNAL', message: 'TypeError: x is undefined' })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByText('Der opstod en uventet fejl. Intet er ændret.')).toBeInTheDocument();
    expect(screen.queryByText(/TypeError/)).toBeNull();
    expect(screen.getByTestId('name-error')).toHaveTextContent('');
  });
});

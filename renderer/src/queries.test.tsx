import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KredsbogBridge } from '../../common/bridge';
import { channels, type Channel, type ChannelInput } from '../../common/contract';
import { setBridge } from './api';
import { useApiMutation, useApiQuery } from './queries';
import { renderWithApp, useRealBackend } from './test/real-backend';

let backend: Awaited<ReturnType<typeof useRealBackend>>;
const calls: string[] = [];
beforeEach(async () => {
  backend = await useRealBackend();
  calls.length = 0;
  // The real handler table, with every call counted by channel.
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of channels) {
    bridge[channel] = (input?: unknown) => {
      calls.push(channel);
      return backend.dispatch(channel, input);
    };
  }
  setBridge(bridge as unknown as KredsbogBridge);
});
afterEach(() => backend.dispose());

const count = (channel: Channel) => calls.filter((c) => c === channel).length;

/** Two lists from different areas on screen, and one write. */
function Screen<C extends Channel>({ write, input }: { readonly write: C; readonly input: ChannelInput<C> }) {
  const contacts = useApiQuery('contacts.list', {});
  const series = useApiQuery('series.list', {});
  const backups = useApiQuery('backups.list');
  const mutation = useApiMutation(write);
  return (
    <div>
      <p>kontakter: {contacts.data?.length ?? '…'}</p>
      <p>serier: {series.data?.length ?? '…'}</p>
      <p>kopier: {backups.data?.length ?? '…'}</p>
      <button type="button" onClick={() => mutation.mutate(input)}>
        gem
      </button>
      <p>{mutation.isSuccess ? 'gemt' : ''}</p>
    </div>
  );
}

describe('query invalidation by declared areas', () => {
  it('refetches the written area’s list after a write, and not another area’s', async () => {
    renderWithApp(<Screen write="contacts.create" input={{ name: 'Mette Ørsted', emails: [], phones: [], notes: '' }} />);
    await screen.findByText('kontakter: 0');
    await screen.findByText('serier: 0');
    await screen.findByText('kopier: 0');
    const before = { series: count('series.list'), backups: count('backups.list'), contacts: count('contacts.list') };
    await userEvent.click(screen.getByRole('button', { name: 'gem' }));
    await screen.findByText('kontakter: 1');
    await screen.findByText('gemt');
    expect(count('contacts.list')).toBe(before.contacts + 1);
    expect(count('series.list')).toBe(before.series);
    expect(count('backups.list')).toBe(before.backups);
  });

  it('refetches nothing after a read-only export', async () => {
    await backend.dispatch('contacts.create', { name: 'Mette Ørsted', emails: [], phones: [], notes: '' });
    renderWithApp(<Screen write="contactFiles.exportVcard" input={{ version: '3.0' }} />);
    await screen.findByText('kontakter: 1');
    await screen.findByText('serier: 0');
    await screen.findByText('kopier: 0');
    const before = calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'gem' }));
    await screen.findByText('gemt');
    // The mutation settled after its invalidation step: any refetch would have been called by now.
    await waitFor(() => expect(calls.slice(before)).toEqual(['contactFiles.exportVcard']));
  });
});

import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../common/contract';
import { createHttpBridge, hostToken } from './http-bridge';

describe('http bridge', () => {
  it('offers every contract channel and posts the input with the token', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: [] })));
    const bridge = createHttpBridge('t0ken', fetchMock as unknown as typeof fetch);
    for (const channel of channels) expect(typeof bridge[channel]).toBe('function');
    expect(await bridge['contacts.list']({ query: 'ø' })).toEqual({ ok: true, value: [] });
    expect(fetchMock).toHaveBeenCalledWith('/api/contacts.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kredsbog-token': 't0ken' },
      body: JSON.stringify({ input: { query: 'ø' } }),
    });
  });

  it('turns a dead host into an error Result instead of throwing', async () => {
    const bridge = createHttpBridge('t', (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch);
    expect(await bridge['stats.get']()).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'Kredsbog svarer ikke. Prøv igen.' } });
  });

  it('takes the token from the start URL and keeps it for reloads of the tab', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(hostToken({ search: '?token=abc' }, storage)).toBe('abc');
    expect(hostToken({ search: '' }, storage)).toBe('abc');
  });
});

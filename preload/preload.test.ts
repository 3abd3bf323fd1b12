import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, ipcPrefix } from '../common/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'svar' })), send: vi.fn(), on: vi.fn() },
}));
vi.mock('electron', () => ({ ...electron, default: electron }));

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
});

async function exposed(): Promise<Record<string, unknown>> {
  await import('./preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>];
  expect(name).toBe('kredsbog');
  return api;
}

describe('preload', () => {
  it('exposes exactly one function per contract channel', async () => {
    const api = await exposed();
    expect(Object.keys(api).sort()).toEqual([...channels].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
  });

  it('forwards a call to the prefixed IPC channel with the input untouched', async () => {
    const api = await exposed();
    const result = await (api['contacts.create'] as (input: unknown) => Promise<unknown>)({ name: 'Ida' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(`${ipcPrefix}contacts.create`, { name: 'Ida' });
    expect(result).toEqual({ ok: true, value: 'svar' });
  });

  it('never exposes ipcRenderer or a generic invoke', async () => {
    const api = await exposed();
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(api)).toBe(true);
  });
});

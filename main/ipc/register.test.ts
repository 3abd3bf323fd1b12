import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { channels, ipcPrefix } from '../../common/contract';
import type { Result } from '../../common/result';
import { registerIpc, type IpcMainLike } from './register';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener) };
  return { ipcMain, listeners };
}

const event = (frame: { url: string; parent: unknown } | null) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;

describe('registerIpc', () => {
  it('registers every contract channel once, with the kredsbog: prefix', () => {
    const { ipcMain, listeners } = fakeIpcMain();
    registerIpc(ipcMain, vi.fn());
    expect([...listeners.keys()].sort()).toEqual(channels.map((c) => `${ipcPrefix}${c}`).sort());
  });

  it('passes the app main frame through to dispatch', async () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'svar' }));
    registerIpc(ipcMain, dispatch);
    const result = await listeners.get(`${ipcPrefix}kommuner.list`)!(event({ url: 'app://kredsbog/index.html#/kommuner', parent: null }), { query: 'x' });
    expect(result).toEqual({ ok: true, value: 'svar' });
    expect(dispatch).toHaveBeenCalledWith('kommuner.list', { query: 'x' });
  });

  it.each([
    ['an iframe inside the app', { url: 'app://kredsbog/index.html', parent: {} }],
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['a file URL', { url: 'file:///etc/passwd', parent: null }],
    ['another app:// host', { url: 'app://other/index.html', parent: null }],
    ['a destroyed frame', null],
  ])('rejects %s with FORBIDDEN_SENDER and never dispatches', async (_name, frame) => {
    const { ipcMain, listeners } = fakeIpcMain();
    const dispatch = vi.fn();
    registerIpc(ipcMain, dispatch);
    const result = await listeners.get(`${ipcPrefix}contacts.delete`)!(event(frame), { id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

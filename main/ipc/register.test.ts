import type { IpcMainInvokeEvent } from 'electron';
import fc from 'fast-check';
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

  it('dispatches every channel under its own name, not one taken from the event', async () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    registerIpc(ipcMain, dispatch);
    for (const channel of channels) {
      await listeners.get(`${ipcPrefix}${channel}`)!({ ...event({ url: 'app://kredsbog/index.html', parent: null }), channel: `${ipcPrefix}contacts.delete` } as unknown as IpcMainInvokeEvent, 'input');
      expect(dispatch).toHaveBeenLastCalledWith(channel, 'input');
    }
    expect(dispatch).toHaveBeenCalledTimes(channels.length);
  });

  it('registers nothing outside the contract (no prototype names, no Electron channels)', () => {
    const { ipcMain, listeners } = fakeIpcMain();
    registerIpc(ipcMain, vi.fn());
    for (const name of ['kredsbog:__proto__', 'kredsbog:constructor', 'kredsbog:', 'contacts.list', 'ELECTRON_BROWSER_REQUIRE', 'ELECTRON_BROWSER_WINDOW_OPEN']) expect(listeners.has(name), name).toBe(false);
    expect([...listeners.keys()].every((name) => name.startsWith(ipcPrefix))).toBe(true);
  });

  it('refuses any sender frame from another origin or an inner frame, on every channel, with any input', async () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const dispatch = vi.fn();
    registerIpc(ipcMain, dispatch);
    const foreignUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.constantFrom('file', 'data', 'blob', 'about', 'devtools', 'chrome', 'javascript'), fc.webUrl()).map(([scheme, url]) => url.replace(/^https?/, scheme)),
      fc.domain().filter((host) => host !== 'kredsbog').map((host) => `app://${host}/index.html`),
      fc.string({ maxLength: 40 }),
    );
    const frame = fc.oneof(
      foreignUrl.map((url) => ({ url, parent: null as unknown })),
      fc.webPath().map((path) => ({ url: `app://kredsbog${path}`, parent: {} as unknown })),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), frame, fc.anything(), async (channel, sender, input) => {
        const result = await listeners.get(`${ipcPrefix}${channel}`)!(event(sender), input);
        expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Afsenderen er ikke Kredsbog selv; forespørgslen er afvist.' } });
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers a disposed frame (Electron throws from its getters) with FORBIDDEN_SENDER instead of rejecting', async () => {
    const { ipcMain, listeners } = fakeIpcMain();
    const dispatch = vi.fn();
    registerIpc(ipcMain, dispatch);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      get parent(): unknown {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const result = await listeners.get(`${ipcPrefix}contacts.list`)!({ senderFrame: disposed } as unknown as IpcMainInvokeEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

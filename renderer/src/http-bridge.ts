import type { KredsbogBridge } from '../../common/bridge';
import type { Result } from '../../common/result';

/**
 * The browser-host variant of `window.kredsbog`: the same type, each channel
 * a POST to the loopback host carrying this run's token. Used only where the
 * page is not inside Electron (development and end-to-end tests).
 */
export function createHttpBridge(token: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): KredsbogBridge {
  const post = (channel: string) => async (input?: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetchImpl(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kredsbog-token': token },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'Kredsbog svarer ikke. Prøv igen.' } };
    }
  };
  // A proxy, not a table built from the contract: the first view loads without the contract's schemas (zod);
  // the host answers an unknown name with UNKNOWN_CHANNEL, and api.ts only ever asks for contract channels.
  const cache = new Map<string, (input?: unknown) => Promise<Result<unknown>>>();
  return new Proxy({} as KredsbogBridge, {
    get: (_target, channel) => {
      if (typeof channel !== 'string' || channel === 'then') return undefined;
      let fn = cache.get(channel);
      if (!fn) cache.set(channel, (fn = post(channel)));
      return fn;
    },
  });
}

/** The host gives the token in the start URL (?token=…); it is kept for reloads of this tab. */
export function hostToken(location: Pick<Location, 'search'>, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    storage.setItem('kredsbog.token', fromUrl);
    return fromUrl;
  }
  return storage.getItem('kredsbog.token');
}

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/test-database';
import { startBrowserHost, type BrowserHost } from './browser-host';

let host: BrowserHost;
let dir: string;
beforeAll(async () => {
  dir = tempDir();
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Kredsbog</title>');
  host = await startBrowserHost({ dbPath: path.join(dir, 'k.sqlite'), rendererRoot: renderer });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${host.port}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser host', () => {
  it('listens on loopback only and gives the token in the start URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[0-9a-f]{48}$`));
  });

  it('serves the real handlers to a caller with the token', async () => {
    const response = await api('stats.get', { input: undefined }, { 'x-kredsbog-token': host.token });
    expect(await response.json()).toMatchObject({ ok: true, value: { kommuner: 98, regions: 5 } });
  });

  it('refuses API calls without the right token', async () => {
    const nearlyRight = host.token.slice(0, -1) + (host.token.endsWith('0') ? '1' : '0');
    const attempts: Record<string, string>[] = [{}, { 'x-kredsbog-token': 'wrong' }, { 'x-kredsbog-token': nearlyRight }];
    for (const headers of attempts) {
      const response = await api('contacts.list', { input: {} }, headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(status).toBe(421);
  });

  it('answers malformed JSON with a Danish error', async () => {
    const response = await fetch(`http://127.0.0.1:${host.port}/api/stats.get`, { method: 'POST', headers: { 'x-kredsbog-token': host.token }, body: '{nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { message: 'Forespørgslen kunne ikke læses.' } });
  });

  it('answers an undecodable channel and an upload named "." or ".." with a Danish validation error, not an internal one', async () => {
    const token = { 'x-kredsbog-token': host.token };
    for (const channel of ['%ZZ', 'stats.get%', '%E0%A4%A']) {
      const response = await api(channel, { input: undefined }, token);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Adressen kunne ikke læses.' } });
    }
    for (const fileName of ['.', '..']) {
      const response = await api('sync.preview', { input: { fileName, base64: '' } }, token);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['fileName'] }] } });
    }
  });

  it('serves the renderer with the CSP header', async () => {
    const response = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

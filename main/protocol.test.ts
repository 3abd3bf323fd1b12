import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/test-database';
import { resolveStaticPath, serveStatic } from './protocol';
import { contentSecurityPolicy } from './security/csp';

const root = tempDir();
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kredsbog</title>');
fs.mkdirSync(path.join(root, 'assets'));
fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'hemmelig');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('static files', () => {
  it('serves index.html for / and for client routes, with the CSP header', async () => {
    for (const p of ['/', '/kontakter']) {
      const response = await serveStatic(root, p);
      expect(response.status).toBe(200);
      expect(String(response.body)).toContain('Kredsbog');
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    }
  });

  it('serves assets with their content type', async () => {
    const response = await serveStatic(root, '/assets/app.js');
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  it('lets the hashed assets be cached for good and asks for index.html every time', async () => {
    expect((await serveStatic(root, '/assets/app.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const p of ['/', '/index.html', '/kontakter']) expect((await serveStatic(root, p)).headers['cache-control']).toBe('no-cache');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%00', '/%E0%A4%A'])('never serves %s from outside the folder', async (p) => {
    const response = await serveStatic(root, p);
    expect(response.status).not.toBe(200);
    expect(String(response.body)).not.toContain('hemmelig');
  });

  it('resolves only inside the root', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/../x')).toBeNull();
  });

  it('forbids inline script and eval in the policy', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

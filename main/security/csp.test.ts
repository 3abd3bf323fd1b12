import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referatStyleSheet } from '../../common/documents/referat.html';
import { contentSecurityPolicy } from './csp';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

const policy = directives(contentSecurityPolicy);

describe('content security policy', () => {
  it('names each directive once', () => {
    const names = contentSecurityPolicy.split(';').map((p) => p.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('loads everything from the app itself by default and nothing remote', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/^\*|^https?:|^wss?:|^blob:|^filesystem:|unsafe-|^'strict-dynamic'$|^'wasm-unsafe-eval'$/);
      }
    }
  });

  it('runs only the app’s own script files: no inline script, no eval, no plugins', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('allows data: only for images', () => {
    for (const [name, sources] of policy) if (sources.includes('data:')) expect(name).toBe('img-src');
  });

  it('cannot be framed, rebased or used to post forms', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('allows exactly one inline stylesheet, the referat preview’s, by its hash', () => {
    const hashes = (policy.get('style-src') ?? []).filter((s) => s.startsWith("'sha256-"));
    expect(hashes).toEqual([`'sha256-${createHash('sha256').update(referatStyleSheet, 'utf8').digest('base64')}'`]);
  });
});

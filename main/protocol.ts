import fs from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from './security/csp';

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * Resolves a request path inside `root`, or null when it would escape it
 * (`..`, encoded slashes, absolute paths). "/" and unknown routes get index.html.
 */
export function resolveStaticPath(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

/**
 * Vite names every built file under assets/ by a hash of its content, so a
 * name never holds other content: those may be cached for good, which is also
 * what lets the browser keep their compiled code between starts (V8's code
 * cache; the app:// scheme asks for it in main.ts). index.html, which names
 * them, is always asked for again. If the build stops hashing names
 * (vite.config.ts), change this too.
 */
function immutableAsset(root: string, file: string): boolean {
  return file.startsWith(path.join(root, 'assets') + path.sep);
}

/** Serves the built renderer with the CSP header; shared by the app:// protocol and the browser host. */
export async function serveStatic(root: string, requestPath: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer | string }> {
  const file = resolveStaticPath(path.resolve(root), requestPath);
  if (!file) return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Ugyldig sti' };
  const target = path.extname(file) === '' ? path.join(path.resolve(root), 'index.html') : file;
  try {
    const body = await fs.readFile(target);
    return {
      status: 200,
      headers: {
        'content-type': mimeTypes[path.extname(target)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': immutableAsset(path.resolve(root), target) ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body,
    };
  } catch {
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Ikke fundet' };
  }
}

import { createHash } from 'node:crypto';
import { referatStyleSheet } from '../../common/documents/referat.html';

/**
 * The referat preview is a sandboxed srcdoc iframe, which inherits this policy:
 * its one inline stylesheet is allowed by hash, nothing else inline is.
 * Changing the referat's CSS changes the hash automatically.
 */
const referatStyle = `'sha256-${createHash('sha256').update(referatStyleSheet, 'utf8').digest('base64')}'`;

/**
 * The renderer's Content-Security-Policy: no inline script, no eval, no
 * remote anything. Sent as a header by the app:// protocol handler and by the
 * browser host. Changing it? Also check e2e/security.spec.ts.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${referatStyle}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

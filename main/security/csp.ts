/**
 * The renderer's Content-Security-Policy: no inline script, no eval, no
 * remote anything. Sent as a header by the app:// protocol handler and by the
 * browser host. Changing it? Also check e2e/security.spec.ts.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

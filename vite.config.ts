import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './main/security/csp';
import { kommuneMapPlugin } from './renderer/map/kommune-map.plugin';

/**
 * Puts the one CSP (main/security/csp.ts) into index.html as a meta tag too,
 * so the page is protected even when opened without the header.
 * frame-ancestors is ignored in meta tags, so it is left out there.
 */
function cspMeta(): Plugin {
  const policy = contentSecurityPolicy
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'kredsbog-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta(), kommuneMapPlugin()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first view evaluates in the entry chunk ('$initial': reached from main.tsx by static imports),
          // not in the 16 small chunks it shares with pages that load later: a fresh Chromium fetched and linked those one
          // by one, and Overblik's figures were painted ≈ 0.3 s later at scale 1 and 10 (alternating runs, Element Timing;
          // README, Performance). The entry still imports first-reads.ts first, so the reads go out before React and the
          // rest of the first view are evaluated. Pages and dialogs stay in chunks of their own and import from this one.
          groups: [{ name: 'first-view', tags: ['$initial'] }],
        },
      },
    },
  },
});

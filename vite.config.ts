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
          // The first view's reads (renderer/src/first-reads.ts) and the API seam in a chunk of their own, which the
          // entry imports first: the reads go out before React and the rest of the first view's code are evaluated.
          // (Not earlier, as a script of its own: the browser host serves the page's files and the reads from one
          // thread, and reads sent while the files are still loading made the start slower, measured.)
          groups: [{ name: 'first-reads', test: /renderer[\\/]src[\\/](first-reads|api|http-bridge)\.ts$/ }],
        },
      },
    },
  },
});

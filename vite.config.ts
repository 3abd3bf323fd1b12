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

/**
 * The first view's reads (renderer/src/first-reads.ts, its own chunk) as an async module script of its own before
 * the entry's: it runs as soon as its few kB are fetched (async: without waiting for the style sheets, as deferred
 * scripts do), so the host works on the settings and Overblik's figures while the page fetches, compiles and
 * evaluates the rest of its code. The entry imports the same chunk (one module instance).
 */
function firstReadsFirst(): Plugin {
  return {
    name: 'kredsbog-first-reads-first',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'first-reads');
        const entry = /<script type="module" crossorigin src="[^"]+"><\/script>/.exec(html);
        if (!chunk || !entry) return html; // the dev server: no chunks
        return html.replace(entry[0], `<script type="module" async crossorigin src="./${chunk.fileName}"></script>\n    ${entry[0]}`);
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta(), kommuneMapPlugin(), firstReadsFirst()],
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
          groups: [{ name: 'first-reads', test: /renderer[\\/]src[\\/](first-reads|api|http-bridge)\.ts$/ }],
        },
      },
    },
  },
});

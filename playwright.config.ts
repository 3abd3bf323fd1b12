import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium against the browser host (the real
 * renderer + real handlers + a fresh SQLite file per test). Where
 * /usr/bin/chromium is missing, Playwright's own browser is used.
 */
const debianChromium = '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const executable = fs.existsSync(debianChromium) ? { executablePath: debianChromium } : {};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'e2e/artifacts/results.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    screenshot: 'only-on-failure',
    launchOptions: { ...executable, args: ['--lang=da-DK', ...chromiumArgs] },
  },
  projects: [
    { name: 'da-DK', testIgnore: /locale\.spec\.ts$/ },
    // A consultant on an English Windows: the OS locale is en-US, and every date and time must still be Danish.
    { name: 'en-US', testMatch: /locale\.spec\.ts$/, use: { locale: 'en-US', launchOptions: { ...executable, args: ['--lang=en-US', ...chromiumArgs] } } },
  ],
});

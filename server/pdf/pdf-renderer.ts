import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../common/result';

/** Turns a complete HTML document into PDF bytes (A4 and margins come from the document's @page rule). */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;

const timeoutMs = 60_000;

function run(executable: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(executable, [...args], { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * PDF through a headless Chromium (the CLI, the browser host and tests; the
 * Electron app uses its own Chromium, see electron-pdf-renderer.ts).
 * Each run gets its own temp folder and profile, so two exports at once do
 * not share a browser session, and the folder is removed afterwards.
 */
export function chromiumPdfRenderer(executable = process.env.KREDSBOG_CHROMIUM ?? '/usr/bin/chromium'): PdfRenderer {
  return async (html) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kredsbog-pdf-'));
    try {
      const input = path.join(dir, 'referat.html');
      const output = path.join(dir, 'referat.pdf');
      await fs.writeFile(input, html, 'utf8');
      try {
        await run(executable, [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-pdf-header-footer',
          '--no-first-run',
          `--user-data-dir=${path.join(dir, 'profile')}`,
          `--print-to-pdf=${output}`,
          pathToFileURL(input).href,
        ]);
      } catch (error) {
        const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
        if (code === 'ENOENT' || code === 'EACCES') {
          throw new AppError('NOT_FOUND', `Chromium blev ikke fundet (${executable}), så PDF kan ikke laves. Installér Chromium, eller angiv stien i miljøvariablen KREDSBOG_CHROMIUM.`);
        }
        if (typeof error === 'object' && error !== null && 'killed' in error && (error as { killed: unknown }).killed) {
          throw new AppError('INTERNAL', 'Chromium brugte mere end 60 sekunder på at lave PDF’en og blev stoppet.');
        }
        throw error;
      }
      const bytes = await fs.readFile(output).catch(() => {
        throw new AppError('INTERNAL', 'Chromium lavede ingen PDF-fil.');
      });
      return new Uint8Array(bytes);
    } finally {
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  };
}

import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../../server/pdf/pdf-renderer';

/**
 * PDF through Electron's own Chromium: a hidden, sandboxed window with
 * JavaScript off and no preload loads the referat and prints it.
 * Imports electron, so only main/main.ts may import this file; everything
 * else receives it as HandlerContext.pdf.
 */
export function electronPdfRenderer(): PdfRenderer {
  return async (html) => {
    const window = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: {
        sandbox: true,
        javascript: false,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
        devTools: false,
      },
    });
    try {
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
    }
  };
}

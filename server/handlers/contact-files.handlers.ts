import { importContactUpload, previewContactUpload } from '../jobs/file-imports';
import type { HandlersFor } from './handler.types';

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
// The spreadsheet and vCard writers (exceljs, zip) load on first use, not with the backend: the first view does not wait for them.

/** Uploaded files are decoded and read in the job worker (server/jobs/file-imports.ts), never in the process that serves the window. */
export const contactFilesHandlers: HandlersFor<'contactFiles'> = {
  'contactFiles.exportVcard': async (input, { app }) => {
    const { exportVcards } = await import('../../db/contact-files/vcard');
    const file = await exportVcards(app.db, { contactIds: input.contactIds, version: input.version, packaging: input.packaging });
    return { fileName: file.fileName, base64: toBase64(file.bytes) };
  },
  'contactFiles.previewImport': async (input, { app, jobs }) => (jobs ? jobs.run('contactFiles.preview', input) : previewContactUpload(app, input)),
  'contactFiles.import': async (input, { app, jobs }) => (jobs ? jobs.run('contactFiles.import', input) : importContactUpload(app, input)),
  'contactFiles.exportSpreadsheet': async (input, { app }) => {
    const { exportSpreadsheet } = await import('../../db/contact-files/spreadsheets.export');
    const file = await exportSpreadsheet(app.db, input.what, input.format);
    return { fileName: file.fileName, base64: toBase64(file.bytes) };
  },
};

import type { z } from 'zod';
import type { icsImportInputSchema, icsUploadSchema } from '../../common/calendar/calendar.domain';
import { maxContactFileBytes, type importInputSchema } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import type { AppDatabase } from '../../db/connection';

/**
 * Contact and calendar files as the window uploads them ({ fileName, base64 }),
 * decoded, read and previewed or imported. The handlers hand these to the job
 * worker (job.worker.ts), so the bytes are decoded and parsed there, under the
 * worker's memory ceiling, never in the process that serves the window; where
 * there is no worker (tests on an in-memory database) they run inline.
 */
export type ContactFileUpload = z.output<typeof importInputSchema>;
export type IcsUpload = z.output<typeof icsUploadSchema>;
export type IcsImportUpload = z.output<typeof icsImportInputSchema>;

/** base64 → bytes, refusing what is not base64 or over the limit before decoding it. */
export function decodeContactFile(base64: string): Uint8Array {
  const compact = base64.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw new AppError('VALIDATION', 'Filen kunne ikke overføres (ugyldigt indhold). Vælg den igen.');
  if (Math.floor((compact.length * 3) / 4) > maxContactFileBytes + 2) throw new AppError('VALIDATION', 'Filen er for stor (over 20 MB).');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

const decodeIcsUpload = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

const contactFileInput = (input: ContactFileUpload) => ({
  fileName: input.fileName,
  bytes: decodeContactFile(input.base64),
  mapping: input.mapping,
  forceNew: input.forceNew,
  createOrganisations: input.createOrganisations,
});

// The readers (exceljs, ical.js, …) load on the first file, not with the backend or the worker: the first view does not wait for them.
const contactReader = () => import('../../db/contact-files/contacts.import');
const icsReader = () => import('../../db/calendar/calendar.import');
export const previewContactUpload = async (app: AppDatabase, input: ContactFileUpload) => (await contactReader()).previewContactFile(app.db, contactFileInput(input));
export const importContactUpload = async (app: AppDatabase, input: ContactFileUpload) => (await contactReader()).importContactFile(app, contactFileInput(input));
export const previewIcsUpload = async (app: AppDatabase, input: IcsUpload) => (await icsReader()).previewIcsImport(app.db, decodeIcsUpload(input.base64), { fileName: input.fileName });
export const importIcsUpload = async (app: AppDatabase, input: IcsImportUpload) =>
  (await icsReader()).importIcs(app, decodeIcsUpload(input.base64), { fileName: input.fileName, kommuneChoices: input.kommuneChoices });

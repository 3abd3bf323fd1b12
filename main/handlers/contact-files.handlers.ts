import { maxContactFileBytes } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import { importContactFile, previewContactFile } from '../../db/contact-files/contacts.import';
import { exportSpreadsheet } from '../../db/contact-files/spreadsheets.export';
import { exportVcards } from '../../db/contact-files/vcard';
import type { HandlersFor } from './handler.types';

/** base64 → bytes, refusing what is not base64 or over the limit before decoding it. */
function decodeFile(base64: string): Uint8Array {
  const compact = base64.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw new AppError('VALIDATION', 'Filen kunne ikke overføres (ugyldigt indhold). Vælg den igen.');
  if (Math.floor((compact.length * 3) / 4) > maxContactFileBytes + 2) throw new AppError('VALIDATION', 'Filen er for stor (over 20 MB).');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const contactFilesHandlers: HandlersFor<'contactFiles'> = {
  'contactFiles.exportVcard': async (input, { app }) => {
    const file = await exportVcards(app.db, { contactIds: input.contactIds, version: input.version, packaging: input.packaging });
    return { fileName: file.fileName, base64: toBase64(file.bytes) };
  },
  'contactFiles.previewImport': async (input, { app }) =>
    previewContactFile(app.db, { fileName: input.fileName, bytes: decodeFile(input.base64), mapping: input.mapping, forceNew: input.forceNew, createOrganisations: input.createOrganisations }),
  'contactFiles.import': async (input, { app }) =>
    importContactFile(app, { fileName: input.fileName, bytes: decodeFile(input.base64), mapping: input.mapping, forceNew: input.forceNew, createOrganisations: input.createOrganisations }),
  'contactFiles.exportSpreadsheet': async (input, { app }) => {
    const file = await exportSpreadsheet(app.db, input.what, input.format);
    return { fileName: file.fileName, base64: toBase64(file.bytes) };
  },
};

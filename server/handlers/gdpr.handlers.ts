import { Buffer } from 'node:buffer';
import { eraseContact, personDataExport } from '../../db/gdpr/gdpr.repository';
import type { HandlersFor } from './handler.types';

export const gdprHandlers: HandlersFor<'gdpr'> = {
  async 'gdpr.export'({ contactId }, { app }) {
    // One read: a missing contact is NOT_FOUND from the collect stage (no second lookup that could throw INTERNAL).
    const { fileName, zip } = await personDataExport(app.db, contactId);
    return { fileName, base64: Buffer.from(zip).toString('base64') };
  },
  'gdpr.erasePreview': ({ contactId }, { app }) => eraseContact(app, contactId, { dryRun: true }),
  'gdpr.erase': ({ contactId, confirmName }, { app }) => eraseContact(app, contactId, { confirmName }),
};

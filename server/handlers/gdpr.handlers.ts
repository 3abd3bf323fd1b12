import { Buffer } from 'node:buffer';
import type { HandlersFor } from './handler.types';
import { personData } from './lazy-modules';

export const gdprHandlers: HandlersFor<'gdpr'> = {
  async 'gdpr.export'({ contactId }, { app }) {
    // One read: a missing contact is NOT_FOUND from the collect stage (no second lookup that could throw INTERNAL).
    const { fileName, zip } = await (await personData()).personDataExport(app.db, contactId);
    return { fileName, base64: Buffer.from(zip).toString('base64') };
  },
  'gdpr.erasePreview': async ({ contactId }, { app }) => (await personData()).eraseContact(app, contactId, { dryRun: true }),
  'gdpr.erase': async ({ contactId, confirmName }, { app }) => (await personData()).eraseContact(app, contactId, { confirmName }),
};

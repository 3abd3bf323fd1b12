import { Buffer } from 'node:buffer';
import { eraseContact, personDataFileName, personDataZip } from '../../db/gdpr/gdpr.repository';
import type { HandlersFor } from './handler.types';

export const gdprHandlers: HandlersFor<'gdpr'> = {
  async 'gdpr.export'({ contactId }, { app }) {
    const zip = await personDataZip(app.db, contactId);
    const contact = await app.db.selectFrom('contact').select('name').where('id', '=', contactId).executeTakeFirstOrThrow();
    return { fileName: personDataFileName(contact.name), base64: Buffer.from(zip).toString('base64') };
  },
  'gdpr.erasePreview': ({ contactId }, { app }) => eraseContact(app, contactId, { dryRun: true }),
  'gdpr.erase': ({ contactId, confirmName }, { app }) => eraseContact(app, contactId, { confirmName }),
};

import * as contacts from '../../db/contacts/contacts.repository';
import type { HandlersFor } from './handler.types';

export const contactsHandlers: HandlersFor<'contacts'> = {
  'contacts.list': async (input, { app }) => contacts.listContacts(app.db, input),
  'contacts.page': async ({ offset, limit, ...filter }, { app }) => contacts.pageContacts(app.db, filter, offset, limit),
  'contacts.get': async ({ id }, { app }) => contacts.getContact(app.db, id),
  'contacts.create': async ({ affiliations, ...fields }, { app }) => contacts.createContact(app.db, fields, affiliations),
  'contacts.update': async ({ id, ...fields }, { app }) => contacts.updateContact(app.db, id, fields),
  'contacts.delete': async ({ id }, { app }) => contacts.deleteContact(app.db, id),
  'contacts.restore': async ({ id }, { app }) => contacts.restoreContact(app.db, id),
};

export const affiliationsHandlers: HandlersFor<'affiliations'> = {
  'affiliations.create': async ({ contactId, ...fields }, { app }) => contacts.createAffiliation(app.db, contactId, fields),
  'affiliations.update': async ({ id, ...fields }, { app }) => contacts.updateAffiliation(app.db, id, fields),
  'affiliations.delete': async ({ id }, { app }) => contacts.deleteAffiliation(app.db, id),
  'affiliations.restore': async ({ id }, { app }) => contacts.restoreAffiliation(app.db, id),
};

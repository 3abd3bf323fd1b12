import {
  createAffiliation,
  createContact,
  deleteAffiliation,
  deleteContact,
  getContact,
  listContacts,
  pageContacts,
  restoreAffiliation,
  restoreContact,
  updateAffiliation,
  updateContact,
} from '../../db/contacts/contacts.repository';
import type { HandlersFor } from './handler.types';

export const contactsHandlers: HandlersFor<'contacts'> = {
  'contacts.list': async (input, { app }) => listContacts(app.db, input),
  'contacts.page': async ({ offset, limit, ...filter }, { app }) => pageContacts(app.db, filter, offset, limit),
  'contacts.get': async ({ id }, { app }) => getContact(app.db, id),
  'contacts.create': async ({ affiliations, ...fields }, { app }) => createContact(app.db, fields, affiliations),
  'contacts.update': async ({ id, ...fields }, { app }) => updateContact(app.db, id, fields),
  'contacts.delete': async ({ id }, { app }) => deleteContact(app.db, id),
  'contacts.restore': async ({ id }, { app }) => restoreContact(app.db, id),
};

export const affiliationsHandlers: HandlersFor<'affiliations'> = {
  'affiliations.create': async ({ contactId, ...fields }, { app }) => createAffiliation(app.db, contactId, fields),
  'affiliations.update': async ({ id, ...fields }, { app }) => updateAffiliation(app.db, id, fields),
  'affiliations.delete': async ({ id }, { app }) => deleteAffiliation(app.db, id),
  'affiliations.restore': async ({ id }, { app }) => restoreAffiliation(app.db, id),
};

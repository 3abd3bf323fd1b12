import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  pageOrganisations,
  restoreOrganisation,
  updateOrganisation,
} from '../../db/organisations/organisations.repository';
import type { HandlersFor } from './handler.types';

export const organisationsHandlers: HandlersFor<'organisations'> = {
  'organisations.list': async (input, { app }) => listOrganisations(app.db, input),
  'organisations.page': async ({ offset, limit, ...filter }, { app }) => pageOrganisations(app.db, filter, offset, limit),
  'organisations.get': async ({ id }, { app }) => getOrganisation(app.db, id),
  'organisations.create': async (input, { app }) => createOrganisation(app.db, input),
  'organisations.update': async (input, { app }) => updateOrganisation(app.db, input),
  'organisations.delete': async ({ id }, { app }) => deleteOrganisation(app.db, id),
  'organisations.restore': async ({ id }, { app }) => restoreOrganisation(app.db, id),
};

import * as organisations from '../../db/organisations/organisations.repository';
import type { HandlersFor } from './handler.types';

export const organisationsHandlers: HandlersFor<'organisations'> = {
  'organisations.list': async (input, { app }) => organisations.listOrganisations(app.db, input),
  'organisations.page': async ({ offset, limit, ...filter }, { app }) => organisations.pageOrganisations(app.db, filter, offset, limit),
  'organisations.get': async ({ id }, { app }) => organisations.getOrganisation(app.db, id),
  'organisations.create': async (input, { app }) => organisations.createOrganisation(app.db, input),
  'organisations.update': async (input, { app }) => organisations.updateOrganisation(app.db, input),
  'organisations.delete': async ({ id }, { app }) => organisations.deleteOrganisation(app.db, id),
  'organisations.restore': async ({ id }, { app }) => organisations.restoreOrganisation(app.db, id),
};

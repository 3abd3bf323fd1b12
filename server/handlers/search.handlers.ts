import { search } from '../../db/search/search.repository';
import type { HandlersFor } from './handler.types';

export const searchHandlers: HandlersFor<'search'> = {
  'search.query': async ({ query, limitPerKind }, { app }) => search(app.db, query, limitPerKind),
};

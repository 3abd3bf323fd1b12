import { dismissPair } from '../../db/duplicates/duplicates.finder';
import { listDuplicateSuggestions, mergeRecords } from '../../db/duplicates/duplicates.repository';
import type { HandlersFor } from './handler.types';

export const duplicatesHandlers: HandlersFor<'duplicates'> = {
  'duplicates.list': async (input, { app }) => listDuplicateSuggestions(app.db, input?.table),
  'duplicates.merge': async ({ dryRun, ...input }, { app }) => mergeRecords(app.db, input, { dryRun }),
  'duplicates.dismiss': async ({ a, b }, { app }) => {
    await dismissPair(app.db, a, b);
    return null;
  },
};

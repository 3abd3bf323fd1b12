import { getKommune, listKommuner, listKredse, listRegions, setKommunerKreds, updateKommune } from '../../db/kommuner/kommuner.repository';
import { getSettings } from '../../db/settings/settings.repository';
import type { HandlersFor } from './handler.types';

export const regionsHandlers: HandlersFor<'regions'> = {
  'regions.list': async (_input, { app }) => listRegions(app.db),
};

export const kredseHandlers: HandlersFor<'kredse'> = {
  'kredse.list': async (_input, { app }) => listKredse(app.db),
};

export const kommunerHandlers: HandlersFor<'kommuner'> = {
  'kommuner.list': async (input, { app }) => {
    const kredse = input.onlyMyKredse ? (await getSettings(app.db)).myKredse : undefined;
    return listKommuner(app.db, { query: input.query, regionId: input.regionId, kredsNumber: input.kredsNumber, kredse });
  },
  'kommuner.get': async ({ id }, { app }) => getKommune(app.db, id),
  'kommuner.update': async (input, { app }) => updateKommune(app.db, input),
  'kommuner.setKreds': async (input, { app }) => setKommunerKreds(app.db, input),
};

import * as boligomraader from '../../db/boligomraader/boligomraader.repository';
import { listKommuner } from '../../db/kommuner/kommuner.repository';
import { getSettings } from '../../db/settings/settings.repository';
import type { HandlersFor } from './handler.types';
import { boligomraadeListImport } from './lazy-modules';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export const boligomraaderHandlers: HandlersFor<'boligomraader'> = {
  'boligomraader.list': async (input, { app }) => boligomraader.listBoligomraader(app.db, input),
  'boligomraader.get': async ({ id }, { app }) => boligomraader.getBoligomraade(app.db, id),
  'boligomraader.create': async (input, { app }) => boligomraader.createBoligomraade(app.db, input),
  'boligomraader.update': async (input, { app }) => boligomraader.updateBoligomraade(app.db, input),
  'boligomraader.setStatus': async (input, { app }) => boligomraader.setBoligomraadeStatus(app.db, input),
  'boligomraader.delete': async ({ id }, { app }) => {
    await boligomraader.deleteBoligomraade(app.db, id);
    return { id };
  },
  'boligomraader.restore': async ({ id }, { app }) => boligomraader.restoreBoligomraade(app.db, id),
  'boligomraader.compare': async ({ year, kommuneId, onlyMyKredse }, { app }) => {
    const chosen = year ?? (await boligomraader.listYears(app.db))[0];
    if (chosen === undefined) return null;
    let kommuneIds: string[] | undefined = kommuneId ? [kommuneId] : undefined;
    if (onlyMyKredse) {
      const { myKredse } = await getSettings(app.db);
      if (myKredse.length > 0) {
        const mine = (await listKommuner(app.db, { kredse: myKredse })).map((k) => k.id);
        kommuneIds = kommuneIds ? kommuneIds.filter((id) => mine.includes(id)) : mine;
      }
    }
    return boligomraader.compareListYears(app.db, chosen, { kommuneIds });
  },
  'boligomraader.map': async ({ year }, { app }) => {
    const chosen = year ?? (await boligomraader.listYears(app.db))[0] ?? null;
    return { year: chosen, kommuner: chosen === null ? [] : await boligomraader.kommuneStatuses(app.db, chosen) };
  },
  'boligomraader.previewImport': async ({ fileName, base64, year }, { app }) => (await boligomraadeListImport()).previewBoligomraadeList(app.db, bytesOf(base64), fileName, year),
  'boligomraader.import': async ({ fileName, base64, year }, { app }) => (await boligomraadeListImport()).importBoligomraadeList(app, bytesOf(base64), fileName, year),
};

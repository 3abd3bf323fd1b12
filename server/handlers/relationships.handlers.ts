import { createContactLog, deleteContactLog, restoreContactLog, setKeepInTouch } from '../../db/contact-log/contact-log.repository';
import { contactRelations } from '../../db/hub/contact-hub.repository';
import { getKommuneHub } from '../../db/hub/kommune-hub.repository';
import { getOrganisationHub } from '../../db/hub/organisation-hub.repository';
import { timelinePage } from '../../db/hub/timeline.repository';
import { relationshipHealth } from '../../db/relationships/relationships.repository';
import { getSettings } from '../../db/settings/settings.repository';
import type { HandlersFor } from './handler.types';

export const relationshipsHandlers: HandlersFor<'relationships'> = {
  'relationships.kommuneHub': ({ id }, { app }) => getKommuneHub(app.db, id),
  'relationships.organisationHub': ({ id }, { app }) => getOrganisationHub(app.db, id),
  'relationships.contact': ({ id }, { app }) => contactRelations(app.db, id),
  'relationships.timeline': ({ scope, kinds, year, after, limit }, { app }) => timelinePage(app.db, scope, { kinds, year, after, limit }),
  'relationships.health': async ({ months, limit }, { app }) => {
    const { myKredse } = await getSettings(app.db);
    // Like the quiet kommuner on Overblik: with no kredse chosen the section invites the choice instead of listing all Denmark.
    const kommuner = await app.db.selectFrom('kommune').innerJoin('kreds', 'kreds.id', 'kommune.kreds_id').select('kommune.id').where('kreds.number', 'in', myKredse.length ? [...myKredse] : [0]).execute();
    return relationshipHealth(app.db, { kommuneIds: kommuner.map((k) => k.id), months, limit });
  },
  'relationships.setKeepInTouch': async (input, { app }) => {
    await setKeepInTouch(app.db, 'contactId' in input ? { contactId: input.contactId } : { roleId: input.roleId }, input.months);
    return { ok: true };
  },
};

export const contactLogHandlers: HandlersFor<'contactLog'> = {
  'contactLog.create': (input, { app }) => createContactLog(app.db, input),
  'contactLog.delete': ({ id }, { app }) => deleteContactLog(app.db, id),
  'contactLog.restore': ({ id }, { app }) => restoreContactLog(app.db, id),
};

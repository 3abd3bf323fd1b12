import { afterEach, describe, expect, it } from 'vitest';
import { createContact } from '../contacts/contacts.repository';
import { collectPersonData, eraseContact } from '../gdpr/gdpr.repository';
import { derivedId } from '../ids';
import { syncedTables } from '../schema';
import { digest, exportFrom, importInto, installation, type TestInstallation } from '../sync/sync-testing';
import { addHelhedsplanRole, createHelhedsplan, getHelhedsplan } from './helhedsplaner.repository';

/** Roles in a boligsocial bestyrelse are personal data (issue 17): indsigt lists them, "Slet person" removes them everywhere. */
const opened: TestInstallation[] = [];
async function laptop(name: string): Promise<TestInstallation> {
  const who = await installation(name);
  opened.push(who);
  return who;
}
afterEach(async () => {
  for (const who of opened.splice(0)) await who.app.close();
});

const secretTitle = 'Næstformand for Ærøparkens bestyrelse';

async function seed(who: TestInstallation) {
  const plan = await createHelhedsplan(who.app.db, { name: 'Helhedsplan Ølby 2023–2026', kommuneId: derivedId('kommune', 259), notes: 'Bestyrelsen mødes hos kommunen.' });
  const person = await createContact(who.app.db, { name: 'Søren Ærbøl', emails: ['soeren@koege.dk'], phones: [], notes: '' }, []);
  const other = await createContact(who.app.db, { name: 'Anne Andersen', emails: [], phones: [], notes: '' }, []);
  await addHelhedsplanRole(who.app.db, { helhedsplanId: plan.id, contactId: person.id, body: 'bestyrelse', title: secretTitle, fromDate: '2023-01-01' });
  await addHelhedsplanRole(who.app.db, { helhedsplanId: plan.id, contactId: other.id, body: 'projektleder', title: 'Projektleder', fromDate: '2023-01-01' });
  return { planId: plan.id, personId: person.id };
}

function leaks(who: TestInstallation): string[] {
  const tables = syncedTables.map((t) => JSON.stringify(who.app.sqlite.prepare(`SELECT * FROM ${t}`).all())).join('\n');
  const log = (who.app.sqlite.prepare('SELECT value FROM sync_op').pluck().all() as (string | null)[]).join('\n');
  return ['Søren Ærbøl', secretTitle].filter((s) => tables.includes(s) || log.includes(s));
}

describe('helhedsplaner and GDPR', () => {
  it('lists a person’s seats in helhedsplaner in the indsigt', async () => {
    const a = await laptop('a');
    const { personId } = await seed(a);
    const data = await collectPersonData(a.app.db, personId);
    expect(data.helhedsplanRoles).toEqual([expect.objectContaining({ helhedsplanName: 'Helhedsplan Ølby 2023–2026', body: 'bestyrelse', title: secretTitle, fromDate: '2023-01-01', helhedsplanNotes: 'Bestyrelsen mødes hos kommunen.', deletedAt: null })]);
    expect(data.mentions.map((m) => m.table)).toContain('helhedsplan_role');
  });

  it('erases the seats with their titles, from the log too, and a colleague who syncs ends the same', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    const { planId, personId } = await seed(a);
    await importInto(b, await exportFrom(a));
    const preview = await eraseContact(a.app, personId, { dryRun: true });
    expect(preview.helhedsplanRoles.map((r) => r.description)).toEqual([`Boligsocial bestyrelse (${secretTitle}), Helhedsplan Ølby 2023–2026`]);
    await eraseContact(a.app, personId);
    expect((await getHelhedsplan(a.app.db, planId)).roles.map((r) => r.contactName)).toEqual(['Anne Andersen']);
    expect(leaks(a)).toEqual([]);
    await importInto(b, await exportFrom(a));
    expect(leaks(b)).toEqual([]);
    expect(digest(b)).toBe(digest(a));
  });
});

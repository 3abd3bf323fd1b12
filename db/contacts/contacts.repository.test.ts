import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { getKommune } from '../kommuner/kommuner.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { todayInDenmark } from './affiliations.query';
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
} from './contacts.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const odense = derivedId('kommune', 461);
const fields = (name: string) => ({ name, emails: [] as string[], phones: [] as string[], notes: '' });

describe('contacts', () => {
  it('keeps several e-mails and phones, de-duplicated, first one primary', async () => {
    const c = await createContact(t.db, { name: 'Mette Frederiksen', emails: ['mf@odense.dk', 'mette@example.dk', 'mf@odense.dk'], phones: ['+45 20 30 40 50'], notes: '' }, []);
    expect(c.emails).toEqual(['mf@odense.dk', 'mette@example.dk']);
    const [summary] = await listContacts(t.db);
    expect(summary).toMatchObject({ primaryEmail: 'mf@odense.dk', primaryPhone: '+45 20 30 40 50' });
  });

  it('splits roles into current and past by today in Denmark', async () => {
    const c = await createContact(t.db, fields('Peter Rahbæk Juel'), [
      { title: 'Borgmester', kind: 'politiker', organisationId: null, kommuneId: odense, fromDate: '2018-01-01', toDate: null },
      { title: 'Rådmand', kind: 'politiker', organisationId: null, kommuneId: odense, fromDate: '2010-01-01', toDate: '2017-12-31' },
    ]);
    expect(c.affiliations.map((a) => [a.title, a.current])).toEqual([
      ['Borgmester', true],
      ['Rådmand', false],
    ]);
    expect((await listContacts(t.db))[0]?.currentRoles).toEqual(['Borgmester, Odense Kommune']);
  });

  it('treats a role that starts in the future as not current', async () => {
    const c = await createContact(t.db, fields('Ny Politiker'), [
      { title: 'Udvalgsformand', kind: 'politiker', organisationId: null, kommuneId: odense, fromDate: '2099-01-01', toDate: null },
    ]);
    expect(c.affiliations[0]?.current).toBe(false);
    expect(todayInDenmark(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });

  it('finds contacts by folded name, e-mail and phone', async () => {
    await createContact(t.db, { name: 'Søren Ærbødig', emails: ['soeren@aab.dk'], phones: ['33 44 55 66'], notes: '' }, []);
    await createContact(t.db, fields('Anders And'), []);
    for (const query of ['soren', 'sØren', 'aerbo', 'aab.dk', '33445566']) {
      expect((await listContacts(t.db, { query })).map((c) => c.name)).toEqual(['Søren Ærbødig']);
    }
  });

  it('lists the contacts of an organisation and of a kommune', async () => {
    const org = await createOrganisation(t.db, { name: 'FAB', kind: 'boligorganisation', notes: '', kommuneIds: [odense] });
    await createContact(t.db, fields('Via organisation'), [{ title: 'Direktør', kind: 'boligorganisation', organisationId: org.id, kommuneId: null, fromDate: null, toDate: null }]);
    await createContact(t.db, fields('Uden rolle'), []);
    expect((await listContacts(t.db, { organisationId: org.id })).map((c) => c.name)).toEqual(['Via organisation']);
    expect((await listContacts(t.db, { kommuneId: odense })).map((c) => c.name)).toEqual(['Via organisation']);
  });

  it('edits fields and leaves the rest alone', async () => {
    const c = await createContact(t.db, { name: 'Før', emails: ['a@b.dk'], phones: [], notes: 'note' }, []);
    const updated = await updateContact(t.db, c.id, { name: 'Efter' });
    expect(updated).toMatchObject({ name: 'Efter', emails: ['a@b.dk'], notes: 'note' });
  });

  it('deletes with undo; a deleted contact leaves the kommune page and comes back on restore', async () => {
    const c = await createContact(t.db, fields('Karin Konsulent'), [{ title: 'Direktør', kind: 'embedsmand', organisationId: null, kommuneId: odense, fromDate: null, toDate: null }]);
    await deleteContact(t.db, c.id);
    expect((await getKommune(t.db, odense)).roles).toEqual([]);
    expect((await getContact(t.db, c.id)).deletedAt).not.toBeNull();
    await restoreContact(t.db, c.id);
    expect((await getKommune(t.db, odense)).roles.map((r) => r.contactName)).toEqual(['Karin Konsulent']);
  });

  it('adds, edits, removes and restores a role', async () => {
    const c = await createContact(t.db, fields('Lars'), []);
    const role = await createAffiliation(t.db, c.id, { title: 'Chef', kind: 'embedsmand', organisationId: null, kommuneId: odense, fromDate: null, toDate: null });
    const edited = await updateAffiliation(t.db, role.id, { title: 'Direktør', kind: 'embedsmand', organisationId: null, kommuneId: odense, fromDate: '2024-01-01', toDate: null });
    expect(edited).toMatchObject({ title: 'Direktør', fromDate: '2024-01-01', kommuneNavn: 'Odense' });
    await deleteAffiliation(t.db, role.id);
    expect((await getContact(t.db, c.id)).affiliations).toEqual([]);
    await restoreAffiliation(t.db, role.id);
    expect((await getContact(t.db, c.id)).affiliations.map((a) => a.title)).toEqual(['Direktør']);
  });

  it('rejects a role at an unknown organisation and creates neither contact nor role', async () => {
    const error = await createContact(t.db, fields('Ingen'), [
      { title: 'X', kind: 'andet', organisationId: '01890000-0000-7000-8000-00000000dead', kommuneId: null, fromDate: null, toDate: null },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect(await listContacts(t.db)).toEqual([]);
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM contact').get()).toEqual({ n: 0 });
  });
});

describe('paged contact list', () => {
  it('pages through every contact in Danish order, sorted by SQL with its index', async () => {
    const names = ['Åse Holm', 'Aase Holm', 'Anders Bo', 'Ærling Lund', 'Øjvind Krogh', 'Zacharias Møller', 'Émile Dahl', 'ebbe Skov', 'Bækgaard Jens', 'Böhm Ida'];
    for (const name of names) await createContact(t.db, fields(name), []);
    const pages = [await pageContacts(t.db, {}, 0, 4), await pageContacts(t.db, {}, 4, 4), await pageContacts(t.db, {}, 8, 4)];
    expect(pages.map((p) => p.total)).toEqual([10, 10, 10]);
    const paged = pages.flatMap((p) => p.rows.map((r) => r.name));
    expect(paged).toEqual((await listContacts(t.db)).map((c) => c.name));
    expect(paged.slice(-3)).toEqual(expect.arrayContaining(['Åse Holm', 'Aase Holm']));
    expect((await pageContacts(t.db, { query: 'holm' }, 0, 50)).total).toBe(2);

    const plan = (
      t.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY dk_sort(name), id LIMIT 200 OFFSET 0`).all() as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join(' | ')).toContain('contact_danish_order');
    expect(plan.join(' | ')).not.toContain('TEMP B-TREE');
  });
});

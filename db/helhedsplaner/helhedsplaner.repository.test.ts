import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { createContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createSeries } from '../meetings/series.repository';
import { createRow } from '../mutations';
import { createOrganisation } from '../organisations/organisations.repository';
import { search } from '../search/search.repository';
import { countOperations } from '../sync/op-log';
import { createTestDatabase } from '../testing/test-database';
import {
  addHelhedsplanDeadline,
  addHelhedsplanRole,
  createHelhedsplan,
  createIndsatsomraade,
  deleteHelhedsplan,
  deleteHelhedsplanRole,
  getHelhedsplan,
  helhedsplanDeadlines,
  helhedsplanRolesOfContact,
  listHelhedsplaner,
  listIndsatsomraader,
  restoreHelhedsplan,
  updateHelhedsplan,
  updateHelhedsplanDeadline,
  updateIndsatsomraade,
} from './helhedsplaner.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const koegeId = derivedId('kommune', 259);
const aarhusId = derivedId('kommune', 751);
const uddannelse = derivedId('indsatsomraade', '2019-01-01', 'uddannelse');
const beskaeftigelse = derivedId('indsatsomraade', '2019-01-01', 'beskaeftigelse');

async function boligomraade(name: string, kommuneId = koegeId) {
  return t.db.transaction().execute((trx) => createRow(trx, 'boligomraade', { name, kommune_id: kommuneId, notes: '' }));
}

describe('indsatsområder', () => {
  it('holds the four areas of the 2019–26 frame from the migration, with the same ids on every installation', async () => {
    const areas = await listIndsatsomraader(t.db);
    expect(areas.map((a) => a.name)).toEqual(['Beskæftigelse', 'Kriminalitetsforebyggelse', 'Sammenhængskraft og medborgerskab', 'Uddannelse og livschancer']);
    expect(areas.every((a) => a.frame === '2019–2026' && a.validFrom === '2019-01-01' && a.validTo === '2026-12-31')).toBe(true);
    expect(areas.map((a) => a.id)).toContain(uddannelse);
  });

  it('adds a new frame as data, renames and retires an area (retired ones only when asked)', async () => {
    const next = await createIndsatsomraade(t.db, { name: 'Tryghed og trivsel', frame: '2027–2030', validFrom: '2027-01-01', validTo: '2030-12-31' });
    expect((await listIndsatsomraader(t.db))[0]).toMatchObject({ id: next.id, name: 'Tryghed og trivsel' });
    await updateIndsatsomraade(t.db, { id: next.id, name: 'Tryghed, trivsel og fællesskab' });
    await updateIndsatsomraade(t.db, { id: beskaeftigelse, retired: true });
    expect((await listIndsatsomraader(t.db)).map((a) => a.name)).not.toContain('Beskæftigelse');
    expect((await listIndsatsomraader(t.db, { includeRetired: true })).find((a) => a.id === beskaeftigelse)).toMatchObject({ retired: true });
    await expect(updateIndsatsomraade(t.db, { id: next.id, validTo: '2026-01-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('helhedsplaner', () => {
  it('creates a helhedsplan with organisations, boligområder, indsatsområder and series, and reads it back', async () => {
    const kab = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koegeId] });
    const omraade = await boligomraade('Ølby');
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Boligsocial bestyrelse Ølby', kind: 'helhedsplan', kommuneId: koegeId }));
    const created = await createHelhedsplan(t.db, {
      name: 'Helhedsplan Ølby 2023–2026',
      status: 'aktiv',
      kommuneId: koegeId,
      fromDate: '2023-01-01',
      toDate: '2026-12-31',
      journalNumber: 'LBF 2022-117',
      organisationIds: [kab.id],
      boligomraadeIds: [omraade],
      indsatsomraadeIds: [uddannelse, beskaeftigelse],
      seriesIds: [series.id],
      notes: 'Fokus på lektiecafé og jobcafé.',
    });
    expect(await getHelhedsplan(t.db, created.id, '2026-12-07')).toMatchObject({
      name: 'Helhedsplan Ølby 2023–2026',
      status: 'aktiv',
      kommuneNavn: 'Køge',
      journalNumber: 'LBF 2022-117',
      organisations: [{ id: kab.id, name: 'KAB' }],
      boligomraader: [{ id: omraade, name: 'Ølby' }],
      indsatsomraader: [
        { id: beskaeftigelse, name: 'Beskæftigelse' },
        { id: uddannelse, name: 'Uddannelse og livschancer' },
      ],
      series: [{ id: series.id, title: 'Boligsocial bestyrelse Ølby' }],
      roles: [],
      deadlines: [],
    });
    // Links have ids derived from their pair: linking again is the same row.
    const link = t.sqlite.prepare('SELECT id FROM helhedsplan_organisation WHERE helhedsplan_id = ?').pluck().get(created.id);
    expect(link).toBe(derivedId('helhedsplan_organisation', created.id, kab.id));
    await updateHelhedsplan(t.db, { id: created.id, indsatsomraadeIds: [uddannelse] });
    expect((await getHelhedsplan(t.db, created.id)).indsatsomraader.map((a) => a.name)).toEqual(['Uddannelse og livschancer']);
    // Found by search (name, kommune, journal number).
    expect((await search(t.db, 'lbf 2022')).hits.map((h) => [h.kind, h.id])).toEqual([['helhedsplan', created.id]]);
  });

  it('refuses a period that ends before it starts or an unknown reference, and writes nothing', async () => {
    const before = countOperations(t.sqlite);
    await expect(createHelhedsplan(t.db, { name: 'X', fromDate: '2026-01-01', toDate: '2025-01-01' })).rejects.toThrow();
    await expect(createHelhedsplan(t.db, { name: 'X', kommuneId: derivedId('kommune', 9999) })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createHelhedsplan(t.db, { name: 'X', boligomraadeIds: ['01900000-0000-7000-8000-0000000000ff'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(countOperations(t.sqlite)).toBe(before);
    const plan = await createHelhedsplan(t.db, { name: 'Plan', fromDate: '2026-01-01' });
    const after = countOperations(t.sqlite);
    await expect(updateHelhedsplan(t.db, { id: plan.id, toDate: '2025-12-31' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(countOperations(t.sqlite)).toBe(after);
  });

  it('keeps dated roles in the bestyrelse, styregruppe and as projektleder, current ones first', async () => {
    const plan = await createHelhedsplan(t.db, { name: 'Helhedsplan Ølby', kommuneId: koegeId });
    const direktoer = await createContact(t.db, { name: 'Åse Ørum', emails: [], phones: [], notes: '' }, []);
    const leder = await createContact(t.db, { name: 'Bjørn Ægidius', emails: [], phones: [], notes: '' }, []);
    await addHelhedsplanRole(t.db, { helhedsplanId: plan.id, contactId: direktoer.id, body: 'bestyrelse', title: 'Formand', fromDate: '2023-01-01' });
    await addHelhedsplanRole(t.db, { helhedsplanId: plan.id, contactId: leder.id, body: 'projektleder', fromDate: '2023-01-01', toDate: '2024-06-30' });
    const read = await getHelhedsplan(t.db, plan.id, '2026-12-07');
    expect(read.roles.map((r) => [r.contactName, r.body, r.title, r.current])).toEqual([
      ['Åse Ørum', 'bestyrelse', 'Formand', true],
      ['Bjørn Ægidius', 'projektleder', '', false],
    ]);
    expect((await helhedsplanRolesOfContact(t.db, direktoer.id)).map((r) => r.helhedsplanName)).toEqual(['Helhedsplan Ølby']);
    await expect(addHelhedsplanRole(t.db, { helhedsplanId: plan.id, contactId: leder.id, body: 'styregruppe', fromDate: '2025-01-01', toDate: '2024-01-01' })).rejects.toThrow();
    await deleteHelhedsplanRole(t.db, read.roles[1]!.id);
    expect((await getHelhedsplan(t.db, plan.id)).roles).toHaveLength(1);
  });

  it('lists open reporting deadlines in a range, soonest first, not done ones nor those of ended plans', async () => {
    const plan = await createHelhedsplan(t.db, { name: 'Helhedsplan Ølby', kommuneId: koegeId, status: 'aktiv' });
    const ended = await createHelhedsplan(t.db, { name: 'Gammel plan', kommuneId: koegeId, status: 'afsluttet' });
    await addHelhedsplanDeadline(t.db, { helhedsplanId: plan.id, kind: 'midtvejsevaluering', title: 'Midtvejsevaluering til LBF', dueDate: '2027-02-01' });
    const withStatus = await addHelhedsplanDeadline(t.db, { helhedsplanId: plan.id, kind: 'aarsstatus', dueDate: '2026-12-15' });
    await addHelhedsplanDeadline(t.db, { helhedsplanId: ended.id, kind: 'aarsstatus', dueDate: '2026-12-20' });
    expect((await getHelhedsplan(t.db, plan.id)).nextDeadline).toEqual({ kind: 'aarsstatus', title: '', date: '2026-12-15' });
    expect((await helhedsplanDeadlines(t.db, { from: '2026-12-07', to: '2027-03-01' })).map((d) => [d.helhedsplanName, d.kind, d.date])).toEqual([
      ['Helhedsplan Ølby', 'aarsstatus', '2026-12-15'],
      ['Helhedsplan Ølby', 'midtvejsevaluering', '2027-02-01'],
    ]);
    const status = withStatus.deadlines.find((d) => d.kind === 'aarsstatus')!;
    await updateHelhedsplanDeadline(t.db, { id: status.id, doneDate: '2026-12-10' });
    expect((await helhedsplanDeadlines(t.db, { from: '2026-12-07', to: '2027-03-01' })).map((d) => d.kind)).toEqual(['midtvejsevaluering']);
    expect(await helhedsplanDeadlines(t.db, { from: '2026-12-07', to: '2027-03-01', kommuneIds: [aarhusId] })).toEqual([]);
  });

  it('lists filtered in SQL by kommune, organisation, boligområde, status and words; delete and restore', async () => {
    const kab = await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koegeId] });
    const gellerup = await boligomraade('Gellerup', aarhusId);
    await createHelhedsplan(t.db, { name: 'Ølby-planen', kommuneId: koegeId, organisationIds: [kab.id] });
    const g = await createHelhedsplan(t.db, { name: 'Helhedsplan Gellerup', kommuneId: aarhusId, boligomraadeIds: [gellerup], status: 'aktiv' });
    expect((await listHelhedsplaner(t.db)).items.map((h) => h.name)).toEqual(['Helhedsplan Gellerup', 'Ølby-planen']);
    expect((await listHelhedsplaner(t.db, { kommuneId: koegeId })).items.map((h) => h.name)).toEqual(['Ølby-planen']);
    expect((await listHelhedsplaner(t.db, { organisationId: kab.id })).items.map((h) => h.name)).toEqual(['Ølby-planen']);
    expect((await listHelhedsplaner(t.db, { boligomraadeId: gellerup })).items.map((h) => h.name)).toEqual(['Helhedsplan Gellerup']);
    expect((await listHelhedsplaner(t.db, { status: 'aktiv' })).total).toBe(1);
    expect((await listHelhedsplaner(t.db, { query: 'gellerup aarhus' })).total).toBe(1);
    expect((await listHelhedsplaner(t.db, { query: 'olby' })).total).toBe(1);
    const digest = databaseDigest(t.sqlite);
    await deleteHelhedsplan(t.db, g.id);
    expect((await listHelhedsplaner(t.db)).total).toBe(1);
    await restoreHelhedsplan(t.db, g.id);
    expect((await listHelhedsplaner(t.db)).total).toBe(2);
    // Restoring brings the record back exactly as it was (every installation reads the same rows).
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });
});

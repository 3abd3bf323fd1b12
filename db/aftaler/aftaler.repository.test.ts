import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createOrganisation } from '../organisations/organisations.repository';
import { search } from '../search/search.repository';
import { countOperations } from '../sync/op-log';
import { createTestDatabase } from '../testing/test-database';
import { aftaleDeadlines, createAftale, deleteAftale, getAftale, listAftaler, restoreAftale, updateAftale } from './aftaler.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const koegeId = derivedId('kommune', 259);
const aarhusId = derivedId('kommune', 751);

async function organisation(name: string) {
  return createOrganisation(t.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [koegeId] });
}

describe('aftaler', () => {
  it('creates an aftale with parties, period, review dates, goals and documents, and reads it back', async () => {
    const kab = await organisation('KAB');
    const created = await createAftale(t.db, {
      kind: 'udlejningsaftale',
      title: 'Udlejningsaftale Køge 2026–2029',
      status: 'gaeldende',
      kommuneId: koegeId,
      organisationIds: [kab.id],
      fromDate: '2026-01-01',
      toDate: '2029-12-31',
      evaluationDate: '2027-06-01',
      bilagReviewDate: '2026-12-15',
      goals: [{ text: 'Færre udsættelser', indicator: 'Antal fogedsager pr. år', status: 'i_gang' }],
      documents: ['Bilag 1 – fleksibel udlejning 2026.pdf'],
      notes: 'Bilaget revideres hvert år i december.',
    });
    expect(await getAftale(t.db, created.id, '2026-12-07')).toMatchObject({
      kind: 'udlejningsaftale',
      title: 'Udlejningsaftale Køge 2026–2029',
      status: 'gaeldende',
      kommuneNavn: 'Køge',
      organisations: [{ id: kab.id, name: 'KAB' }],
      goals: [{ text: 'Færre udsættelser', indicator: 'Antal fogedsager pr. år', status: 'i_gang' }],
      documents: ['Bilag 1 – fleksibel udlejning 2026.pdf'],
      nextDeadline: { kind: 'bilagReview', date: '2026-12-15' },
    });
  });

  it('saves changed fields only, as operations that sync, and refuses a period that ends before it starts', async () => {
    const a = await createAftale(t.db, { kind: 'samarbejdsaftale', title: 'Samarbejdsaftale', fromDate: '2026-01-01' });
    const ops = () => t.sqlite.prepare('SELECT field, value FROM sync_op WHERE row_id = ? ORDER BY hlc').all(a.id) as { field: string; value: string }[];
    await updateAftale(t.db, { id: a.id, title: 'Samarbejdsaftale 2026', notes: '' });
    // The title's operation holds the new value; the unchanged notes got none.
    expect(ops().filter((o) => o.field === 'title').map((o) => JSON.parse(o.value))).toEqual(['Samarbejdsaftale 2026']);
    expect(ops().filter((o) => o.field === 'notes')).toHaveLength(1);
    const before = countOperations(t.sqlite);
    await expect(updateAftale(t.db, { id: a.id, toDate: '2025-12-31' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await getAftale(t.db, a.id)).toDate).toBeNull();
    expect(countOperations(t.sqlite)).toBe(before);
  });

  it('refuses an unknown kommune or organisation and writes nothing', async () => {
    const before = countOperations(t.sqlite);
    await expect(createAftale(t.db, { kind: 'andet', title: 'X', kommuneId: derivedId('kommune', 9999) })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createAftale(t.db, { kind: 'andet', title: 'X', organisationIds: ['01900000-0000-7000-8000-0000000000ff'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(countOperations(t.sqlite)).toBe(before);
    expect((await listAftaler(t.db)).total).toBe(0);
  });

  it('lists filtered and paged in SQL, in Danish order, by kommune, organisation, kind, status and words', async () => {
    const kab = await organisation('KAB');
    const titles = ['Ølby-aftalen', 'Anvisningsaftale', 'Boligsocial samarbejdsaftale', 'Aarhus-aftalen'];
    for (const [i, title] of titles.entries()) {
      await createAftale(t.db, { kind: i === 1 ? 'anvisningsaftale' : 'samarbejdsaftale', title, kommuneId: i === 3 ? aarhusId : koegeId, organisationIds: i === 2 ? [kab.id] : [], status: i === 0 ? 'udkast' : 'gaeldende' });
    }
    const all = await listAftaler(t.db);
    expect(all.items.map((a) => a.title)).toEqual(['Anvisningsaftale', 'Boligsocial samarbejdsaftale', 'Ølby-aftalen', 'Aarhus-aftalen']);
    const page = await listAftaler(t.db, { offset: 1, limit: 2 });
    expect([page.total, page.items.map((a) => a.title)]).toEqual([4, ['Boligsocial samarbejdsaftale', 'Ølby-aftalen']]);
    expect((await listAftaler(t.db, { kommuneId: aarhusId })).items.map((a) => a.title)).toEqual(['Aarhus-aftalen']);
    expect((await listAftaler(t.db, { organisationId: kab.id })).items.map((a) => a.title)).toEqual(['Boligsocial samarbejdsaftale']);
    expect((await listAftaler(t.db, { kind: 'anvisningsaftale' })).total).toBe(1);
    expect((await listAftaler(t.db, { status: 'udkast' })).items.map((a) => a.title)).toEqual(['Ølby-aftalen']);
    expect((await listAftaler(t.db, { query: 'olby' })).items.map((a) => a.title)).toEqual(['Ølby-aftalen']);
    expect((await listAftaler(t.db, { query: 'kab' })).items.map((a) => a.title)).toEqual(['Boligsocial samarbejdsaftale']);
    expect((await listAftaler(t.db, { query: 'koge anvis' })).items.map((a) => a.title)).toEqual(['Anvisningsaftale']);
  });

  it('lists the deadlines in a range, soonest first, not those of expired or terminated aftaler', async () => {
    const a = await createAftale(t.db, { kind: 'styringsdialog_aftale', title: 'Styringsdialogaftale 2026', kommuneId: koegeId, evaluationDate: '2026-12-10', renegotiationDate: '2027-03-01', toDate: '2027-06-30' });
    await createAftale(t.db, { kind: 'andet', title: 'Opsagt aftale', status: 'opsagt', evaluationDate: '2026-12-11' });
    expect(await aftaleDeadlines(t.db, { from: '2026-12-07', to: '2027-03-31' })).toEqual([
      { aftaleId: a.id, title: 'Styringsdialogaftale 2026', kommuneNavn: 'Køge', kind: 'evaluation', date: '2026-12-10' },
      { aftaleId: a.id, title: 'Styringsdialogaftale 2026', kommuneNavn: 'Køge', kind: 'renegotiation', date: '2027-03-01' },
    ]);
    expect(await aftaleDeadlines(t.db, { from: '2026-12-07', to: '2027-12-31', kommuneIds: [aarhusId] })).toEqual([]);
  });

  it('is found by search through title, goals, documents and kommune, and leaves the index when deleted', async () => {
    const a = await createAftale(t.db, {
      kind: 'boligsocial_samarbejdsaftale',
      title: 'Strategisk samarbejdsaftale',
      kommuneId: koegeId,
      goals: [{ text: 'Flere unge i uddannelse', indicator: 'Andel 18–24-årige i uddannelse', status: 'ikke_startet' }],
      documents: ['Delaftale kriminalitetsforebyggelse.docx'],
    });
    for (const query of ['strategisk', 'uddannelse', 'kriminalitetsforebyggelse', 'koge samarbejdsaftale']) {
      expect((await search(t.db, query)).hits.filter((h) => h.kind === 'aftale').map((h) => h.id), query).toEqual([a.id]);
    }
    // The JSON around goals is not indexed.
    expect((await search(t.db, 'indicator')).hits).toEqual([]);
    await deleteAftale(t.db, a.id);
    expect((await search(t.db, 'strategisk')).hits).toEqual([]);
    await restoreAftale(t.db, a.id);
    expect((await search(t.db, 'strategisk')).hits.map((h) => h.href)).toEqual([`/aftaler/${a.id}`]);
  });

  it('changes the digest when an aftale is written, so two installations compare it', async () => {
    const before = databaseDigest(t.sqlite);
    await createAftale(t.db, { kind: 'andet', title: 'Ny aftale' });
    expect(databaseDigest(t.sqlite)).not.toBe(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followUpFieldsSchema, type FollowUpFields } from '../../common/meetings.domain';
import { createContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { createTestDatabase } from '../testing/test-database';
import { createFollowUp, deleteFollowUp, listFollowUps, pageFollowUps, setFollowUpStatus, type FollowUpFilter } from './follow-ups.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const today = '2026-11-23'; // a Monday
const koege = derivedId('kommune', 259);
const odense = derivedId('kommune', 461); // 3. kreds
const open = ['aaben', 'i_gang'] as const;
const add = (fields: FollowUpFields) => createFollowUp(t.db, followUpFieldsSchema.parse(fields));

/** Every page of `size`, concatenated, with the totals the pages reported. */
async function allPages(filter: Omit<FollowUpFilter, 'limit'>, size: number) {
  const titles: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += size) {
    const page = await pageFollowUps(t.db, filter, offset, size, today);
    totals.add(page.total);
    titles.push(...page.rows.map((f) => f.title));
    if (page.rows.length < size) break;
  }
  return { titles, totals: [...totals] };
}

describe('follow-up pages', () => {
  it('pages open follow-ups by due date then title, undated last, across page boundaries without repeats or gaps', async () => {
    await add({ title: 'Ønsker til helhedsplan', dueDate: '2026-11-20' });
    await add({ title: 'Aftal møde', dueDate: '2026-11-20' });
    await add({ title: 'Send referat', dueDate: '2026-11-25', status: 'i_gang' });
    await add({ title: 'Send referat', dueDate: '2026-11-25' });
    await add({ title: 'Æbleplantning i gården' });
    await add({ title: 'Boligsocial plan' });
    await add({ title: 'Afsluttet sag', dueDate: '2026-11-01', status: 'udfoert' });
    const gone = await add({ title: 'Slettet', dueDate: '2026-11-02' });
    await deleteFollowUp(t.db, gone.id);

    const expected = ['Aftal møde', 'Ønsker til helhedsplan', 'Send referat', 'Send referat', 'Boligsocial plan', 'Æbleplantning i gården'];
    for (const size of [1, 2, 3, 4, 5, 200]) expect(await allPages({ statuses: [...open] }, size)).toEqual({ titles: expected, totals: [6] });
    // The two "Send referat" are two rows, each on exactly one page.
    const ids = new Set<string>();
    for (let offset = 0; offset < 6; offset += 2) for (const f of (await pageFollowUps(t.db, { statuses: [...open] }, offset, 2, today)).rows) ids.add(f.id);
    expect(ids.size).toBe(6);
    // The page agrees with the unpaged list.
    expect((await listFollowUps(t.db, { statuses: [...open] }, today)).map((f) => f.title)).toEqual(expected);
    const first = await pageFollowUps(t.db, { statuses: [...open] }, 0, 1, today);
    expect(first.rows[0]).toMatchObject({ title: 'Aftal møde', overdue: true });
    expect(await pageFollowUps(t.db, { statuses: [...open] }, 6, 10, today)).toEqual({ rows: [], total: 6 });
  });

  it('filters by status group, due window, owner, kommune and kreds in SQL, counting only the matches', async () => {
    const anne = (await createContact(t.db, { name: 'Anne Ærø', emails: [], phones: [], notes: '' }, [])).id;
    await add({ title: 'Forfalden Køge', dueDate: '2026-11-10', kommuneId: koege, ownerIsMe: true });
    await add({ title: 'Denne uge Odense', dueDate: '2026-11-27', kommuneId: odense, ownerContactId: anne });
    await add({ title: 'Senere', dueDate: '2026-12-10' });
    await add({ title: 'Uden frist', ownerIsMe: true });
    const done = await add({ title: 'Lukket Køge', dueDate: '2026-11-05', kommuneId: koege });
    await setFollowUpStatus(t.db, [done.id], 'udfoert');
    await add({ title: 'Annulleret', status: 'annulleret' });

    const titles = async (filter: Omit<FollowUpFilter, 'limit'>) => {
      const page = await pageFollowUps(t.db, filter, 0, 200, today);
      return [page.total, page.rows.map((f) => f.title)];
    };
    expect(await titles({})).toEqual([6, ['Lukket Køge', 'Forfalden Køge', 'Denne uge Odense', 'Senere', 'Annulleret', 'Uden frist']]);
    expect(await titles({ statuses: ['udfoert', 'annulleret'] })).toEqual([2, ['Lukket Køge', 'Annulleret']]);
    expect(await titles({ statuses: ['udfoert'] })).toEqual([1, ['Lukket Køge']]);
    expect(await titles({ statuses: [...open], due: 'overdue' })).toEqual([1, ['Forfalden Køge']]);
    expect(await titles({ statuses: [...open], due: 'thisWeek' })).toEqual([1, ['Denne uge Odense']]);
    expect(await titles({ statuses: [...open], due: 'later' })).toEqual([1, ['Senere']]);
    expect(await titles({ due: 'none' })).toEqual([2, ['Annulleret', 'Uden frist']]);
    expect(await titles({ statuses: [...open], mine: true })).toEqual([2, ['Forfalden Køge', 'Uden frist']]);
    expect(await titles({ ownerContactId: anne })).toEqual([1, ['Denne uge Odense']]);
    expect(await titles({ kommuneId: koege })).toEqual([2, ['Lukket Køge', 'Forfalden Køge']]);
    expect(await titles({ statuses: [...open], kredsNumber: 3 })).toEqual([1, ['Denne uge Odense']]);
  });

  it('sorts by title, kommune (Danish order, none last) and status, each in a total order that pages cleanly', async () => {
    await add({ title: 'Øst', dueDate: '2026-12-01', kommuneId: odense });
    await add({ title: 'Vest', dueDate: '2026-12-02', kommuneId: koege, status: 'i_gang' });
    await add({ title: 'Nord', dueDate: '2026-12-03' });
    await add({ title: 'Syd', dueDate: '2026-11-30', kommuneId: koege });
    const sorted = async (sort: FollowUpFilter['sort']) => {
      const one = await allPages({ statuses: [...open], sort }, 1);
      expect(await allPages({ statuses: [...open], sort }, 3)).toEqual(one);
      expect(one.totals).toEqual([4]);
      return one.titles;
    };
    expect(await sorted('title')).toEqual(['Nord', 'Syd', 'Vest', 'Øst']);
    expect(await sorted('kommune')).toEqual(['Syd', 'Vest', 'Øst', 'Nord']);
    expect(await sorted('status')).toEqual(['Syd', 'Øst', 'Nord', 'Vest']);
  });
});

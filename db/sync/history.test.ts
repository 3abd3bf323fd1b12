import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import { createTestDatabase } from '../testing/test-database';
import { markExported } from './clock';
import { recordHistory, recordHistoryPage, type HistoryEntry } from './history';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

describe('record history pages', () => {
  it('pages a long history newest first, each change once, with the value it replaced even across a page boundary', async () => {
    const organisation = await createOrganisation(t.db, { name: 'Køge Boligselskab 0', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    // Each change carried by a sync file before the next (unexported edits of one field are coalesced: db/mutations.ts).
    markExported(t.sqlite);
    for (let i = 1; i <= 120; i++) {
      await updateOrganisation(t.db, { id: organisation.id, name: `Køge Boligselskab ${i}` });
      markExported(t.sqlite);
    }

    const pages: HistoryEntry[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = await recordHistoryPage(t.db, 'organisation', organisation.id, { before, limit: 50 });
      pages.push(page.entries);
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(pages.map((p) => p.length)).toEqual([50, 50, 21]);
    const paged = pages.flat();
    expect(paged).toEqual(await recordHistory(t.db, 'organisation', organisation.id));
    expect(new Set(paged.map((e) => e.hlc)).size).toBe(121);
    // The oldest change on page one replaced the name set by the newest change on page two.
    const boundary = pages[0]!.at(-1)!.changes.find((c) => c.field === 'name');
    expect(boundary).toEqual({ field: 'name', before: 'Køge Boligselskab 70', after: 'Køge Boligselskab 71' });
    expect(pages[2]!.at(-1)!.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', before: null, after: 'Køge Boligselskab 0' });
  });

  it('answers an empty page for a record without history', async () => {
    expect(await recordHistoryPage(t.db, 'contact', '01890000-0000-7000-8000-000000000001', { limit: 50 })).toEqual({ entries: [], nextBefore: null });
  });
});

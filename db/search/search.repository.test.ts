import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { highlight, queryTokens, type SearchResult } from '../../common/search.domain';
import { createContact, deleteContact, updateContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { createMeeting } from '../meetings/meetings.repository';
import { createSeries, deleteSeries, updateSeries } from '../meetings/series.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { exportFrom, importInto, installation } from '../sync/sync-testing';
import { createTestDatabase } from '../testing/test-database';
import { search } from './search.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const titles = (result: SearchResult, kind?: string) => result.hits.filter((h) => !kind || h.kind === kind).map((h) => h.title.map((p) => p.text).join(''));
const org = (name: string, notes = '') => createOrganisation(t.db, { name, kind: 'boligorganisation', notes, kommuneIds: [] });

describe('search', () => {
  it('folds Danish letters both ways: aa/å, ae/æ, oe/ø, case and accents', async () => {
    await org('Boligselskabet Århus');
    await org('Aarhus Lejerbo');
    await org('Ålborg Boligselskab');
    await org('Ærø Boligforening');
    expect(titles(await search(t.db, 'aarhus'), 'organisation').sort()).toEqual(['Aarhus Lejerbo', 'Boligselskabet Århus']);
    expect(titles(await search(t.db, 'ÅRHUS'), 'organisation').sort()).toEqual(['Aarhus Lejerbo', 'Boligselskabet Århus']);
    expect(titles(await search(t.db, 'aalborg'), 'organisation')).toEqual(['Ålborg Boligselskab']);
    expect(titles(await search(t.db, 'aero'), 'organisation')).toEqual(['Ærø Boligforening']);
    for (const query of ['koge', 'koege', 'Køge', 'KØGE']) expect(titles(await search(t.db, query), 'kommune')).toEqual(['Køge Kommune']);
  });

  it('matches every word as a prefix and requires all of them', async () => {
    await org('Boligselskabet Sjælland');
    await org('Boligselskabet Domea');
    expect(titles(await search(t.db, 'boligsel sjæl'))).toEqual(['Boligselskabet Sjælland']);
    expect(titles(await search(t.db, 'boligsel'), 'organisation')).toHaveLength(2);
    expect((await search(t.db, 'boligsel xyzzy')).hits).toEqual([]);
    expect((await search(t.db, '   ')).hits).toEqual([]);
    // FTS5 syntax typed by a user is just text.
    expect((await search(t.db, '"NEAR( OR *')).hits).toEqual([]);
  });

  it('ranks a title match above a match in the body', async () => {
    await org('Fællesbo', 'Samarbejde med Lejerbo om helhedsplanen');
    await org('Lejerbo');
    expect(titles(await search(t.db, 'lejerbo'), 'organisation')).toEqual(['Lejerbo', 'Fællesbo']);
  });

  it('ranks a very common word by title first, then newest, instead of scoring every match', async () => {
    // 2,100 organisations mention "almen" in their notes: more than bm25 ranks in time (RANKED_MATCHES).
    const now = '2026-01-01T00:00:00.000Z';
    const insert = t.sqlite.prepare(`INSERT INTO organisation (id, created_at, updated_at, name, kind, notes) VALUES (?, ?, ?, ?, 'boligorganisation', ?)`);
    t.sqlite.transaction(() => {
      for (let i = 0; i < 2100; i++) insert.run(`01890000-0000-7000-8000-${String(i).padStart(12, '0')}`, now, now, `Afdeling ${i}`, 'En almen boligafdeling');
    })();
    await org('Almenbo Syd');
    await org('Afdeling nyeste', 'Almene boliger');
    const result = await search(t.db, 'almen');
    // The one title match comes first though it is older than the last body match; then the newest body matches.
    expect(titles(result, 'organisation').slice(0, 3)).toEqual(['Almenbo Syd', 'Afdeling nyeste', 'Afdeling 2099']);
    expect(result.total).toBe(400);
  });

  it('finds words in minutes and decisions, with a marked snippet and the meeting as context', async () => {
    await createMeeting(t.db, {
      seriesId: null,
      kommuneId: derivedId('kommune', 259),
      title: 'Styringsdialog Køge',
      startsAt: '2026-03-02T08:00:00.000Z',
      endsAt: null,
      place: 'Rådhuset',
      status: 'afholdt',
      notes: '',
      inviteeIds: [],
      agenda: [{ title: 'Udlejning', kind: 'normal', description: '', presenter: '', plannedMinutes: null }],
    });
    const item = t.sqlite.prepare('SELECT id FROM agenda_item').pluck().get() as string;
    await t.db.transaction().execute(async (trx) => {
      const { updateRow } = await import('../mutations');
      await updateRow(trx, 'agenda_item', item, { minutes: 'Ventelisten i Ølby er faldet til 40 familier. <script>alert(1)</script>', decision: 'Kommunen anviser fortsat 25 %.' });
    });
    const result = await search(t.db, 'olby');
    const hit = result.hits.find((h) => h.kind === 'agenda_item')!;
    expect(hit.context).toBe('Styringsdialog Køge');
    expect(hit.date).toBe('2026-03-02T08:00:00.000Z');
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['Ølby']);
    expect(hit.snippet.map((p) => p.text).join('')).toContain('<script>alert(1)</script>');
  });

  it('stays current: renamed, deleted and synced records are found by what they are now', async () => {
    const contact = await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@kab.dk'], phones: [], notes: '' }, []);
    expect(titles(await search(t.db, 'orsted'))).toEqual(['Mette Ørsted']);
    expect(titles(await search(t.db, 'mette@kab'))).toEqual(['Mette Ørsted']);
    await updateContact(t.db, contact.id, { name: 'Mette Holm' });
    expect((await search(t.db, 'orsted')).hits).toEqual([]);
    expect(titles(await search(t.db, 'holm'))).toEqual(['Mette Holm']);
    await deleteContact(t.db, contact.id);
    expect((await search(t.db, 'holm')).hits).toEqual([]);

    const other = await installation('kollega');
    try {
      await createContact(other.app.db, { name: 'Åse Kjærgaard', emails: [], phones: [], notes: '' }, []);
      await importInto({ name: 'mig', app: t, skew: 0 }, await exportFrom(other));
      expect(titles(await search(t.db, 'ase kjarg'))).toEqual(['Åse Kjærgaard']);
    } finally {
      await other.app.close();
    }
  });

  it('finds meeting series by title and kommune, tells them apart by organisation, and follows renames and deletes', async () => {
    const brabrand = await org('Brabrand Boligforening');
    const fields = seriesFieldsSchema.parse({ title: 'Styringsdialog 2025', kind: 'styringsdialog', kommuneId: derivedId('kommune', 751), organisationIds: [brabrand.id], year: 2025 });
    const series = await createSeries(t.db, fields);
    await createSeries(t.db, { ...fields, kommuneId: derivedId('kommune', 259), organisationIds: [] });
    const found = (await search(t.db, 'styringsdialog aarhus')).hits.filter((h) => h.kind === 'series');
    expect(found.map((h) => [h.id, h.context, h.href])).toEqual([[series.id, 'Aarhus · Brabrand Boligforening', `/moederaekker/${series.id}`]]);
    expect(titles(await search(t.db, 'styringsdialog'), 'series')).toEqual(['Styringsdialog 2025', 'Styringsdialog 2025']);
    await updateSeries(t.db, series.id, { ...fields, title: 'Styringsdialog Brabrand 2025' });
    expect(titles(await search(t.db, 'brabrand 2025'), 'series')).toEqual(['Styringsdialog Brabrand 2025']);
    await deleteSeries(t.db, series.id);
    expect((await search(t.db, 'brabrand 2025')).hits.filter((h) => h.kind === 'series')).toEqual([]);
  });

  it('answers from the FTS index and primary keys, never by scanning a table', async () => {
    const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN
      SELECT k.kind, k.ref_id FROM search_index JOIN search_key k ON k.rowid = search_index.rowid
      WHERE search_index MATCH ${'"koge"*'} ORDER BY bm25(search_index, 4.0, 1.0) LIMIT 400`.execute(t.db)).rows.map((r) => r.detail);
    expect(plan.some((d) => /VIRTUAL TABLE INDEX/.test(d))).toBe(true);
    expect(plan.filter((d) => /^SCAN (?!search_index)/.test(d))).toEqual([]);
  });
});

describe('highlight', () => {
  it('marks words whose folded form starts with a query word', () => {
    expect(highlight('Møde i Aarhus og Århus', queryTokens('aarh'))).toEqual([
      { text: 'Møde i ', hit: false },
      { text: 'Aarhus', hit: true },
      { text: ' og ', hit: false },
      { text: 'Århus', hit: true },
    ]);
  });

  it('never loses or invents text: the pieces join back to the original (whitespace collapsed)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 6 }), (text, query) => {
        const joined = highlight(text, queryTokens(query))
          .map((p) => p.text)
          .join('');
        expect(joined).toBe(text.replace(/\s+/g, ' '));
      }),
    );
  });
});

import { contract, type Channel } from '../../common/contract';
import type { AppDatabase } from '../../db/connection';
import { syncedTables } from '../../db/schema';
import { handlers } from '../handlers';
import { createDispatcher } from './dispatch';

/**
 * Test support: asks every channel that only reads — lists, pages, details of
 * every row, search, history, previews, calendar files — through the real
 * dispatcher with output checking on, as the window would after an import.
 * Returns what answered INTERNAL (or threw): an empty list is the promise
 * "nothing a file brought in breaks a page".
 */
const whole = ['stats.get', 'dashboard.get', 'dashboard.map', 'regions.list', 'kredse.list', 'kommuner.list', 'organisations.list', 'organisations.page', 'contacts.list', 'contacts.page', 'duplicates.list', 'series.list', 'meetings.list', 'meetings.page', 'followUps.list', 'followUps.page', 'sync.status', 'sync.conflicts', 'sync.imports', 'aftaler.list', 'aftaler.deadlines', 'boligomraader.list', 'boligomraader.compare', 'boligomraader.map', 'helhedsplaner.list', 'helhedsplaner.deadlines', 'helhedsplaner.indsatsomraader'] as const satisfies readonly Channel[];

/** Per-row reads: the channel, the table whose ids it takes, and input shapes to try (the first the contract accepts is used). */
const perRow: readonly (readonly [Channel, string, readonly ((id: string) => unknown)[]])[] = [
  ['kommuner.get', 'kommune', [(id) => ({ id })]],
  ['organisations.get', 'organisation', [(id) => ({ id })]],
  ['contacts.get', 'contact', [(id) => ({ id })]],
  ['gdpr.erasePreview', 'contact', [(id) => ({ contactId: id }), (id) => ({ id })]],
  ['series.get', 'meeting_series', [(id) => ({ id })]],
  ['series.proposeNext', 'meeting_series', [(id) => ({ id })]],
  ['calendar.seriesIcs', 'meeting_series', [(id) => ({ seriesId: id }), (id) => ({ id })]],
  ['meetings.get', 'meeting', [(id) => ({ id })]],
  ['referat.preview', 'meeting', [(id) => ({ meetingId: id }), (id) => ({ meetingId: id, options: {} })]],
  ['calendar.meetingIcs', 'meeting', [(id) => ({ meetingId: id }), (id) => ({ id })]],
  ['followUps.get', 'follow_up', [(id) => ({ id })]],
  ['aftaler.get', 'aftale', [(id) => ({ id })]],
  ['boligomraader.get', 'boligomraade', [(id) => ({ id })]],
  ['helhedsplaner.get', 'helhedsplan', [(id) => ({ id })]],
  ['helhedsplaner.rolesOfContact', 'contact', [(id) => ({ contactId: id })]],
  ['contacts.page', 'organisation', [(id) => ({ organisationId: id })]],
  ['meetings.page', 'kommune', [(id) => ({ kommuneId: id })]],
];

const searches = ['a', 'køge', 'slettet person', 'møde', 'ærø'];

export async function readChannelProblems(app: AppDatabase, options: { readonly maxRowsPerTable?: number } = {}): Promise<string[]> {
  const problems: string[] = [];
  const dispatch = createDispatcher(handlers, { app, host: 'browser', version: '9.9.9' }, { checkOutput: true, onInternalError: (channel, error) => problems.push(`${channel}: ${String(error)}`) });
  const ask = async (channel: Channel, input: unknown) => {
    try {
      const result = await dispatch(channel, input);
      if (!result.ok && result.error.code === 'INTERNAL' && !problems.some((p) => p.startsWith(`${channel}:`))) problems.push(`${channel}: INTERNAL`);
    } catch (error) {
      problems.push(`${channel} threw: ${String(error)}`);
    }
  };
  for (const channel of whole) await ask(channel, {});
  for (const query of searches) await ask('search.query', { query });
  const limit = options.maxRowsPerTable ?? 40;
  for (const [channel, table, shapes] of perRow) {
    const ids = app.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id LIMIT ?`).pluck().all(limit) as string[];
    for (const id of ids) {
      const input = shapes.map((shape) => shape(id)).find((candidate) => contract[channel].input.safeParse(candidate).success);
      if (input !== undefined) await ask(channel, input);
    }
  }
  for (const table of syncedTables) {
    const ids = app.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id LIMIT 5`).pluck().all() as string[];
    for (const rowId of ids) {
      const input = [{ table, rowId }, { table, id: rowId }].find((candidate) => contract['sync.history'].input.safeParse(candidate).success);
      if (input) await ask('sync.history', input);
    }
  }
  return problems;
}

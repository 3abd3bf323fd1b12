import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followUpFieldsSchema } from '../../common/meetings.domain';
import { contactLogInputSchema } from '../../common/relationships.domain';
import { createContactLog } from '../contact-log/contact-log.repository';
import { createAffiliation, createContact, deleteContact, restoreContact, updateContact } from '../contacts/contacts.repository';
import { mergeRecords } from '../duplicates/duplicates.repository';
import { createFollowUp } from '../follow-ups/follow-ups.repository';
import { createOrganisation, deleteOrganisation, restoreOrganisation, updateOrganisation } from '../organisations/organisations.repository';
import { derivedId } from '../ids';
import { setKommunerKreds, updateKommune } from '../kommuner/kommuner.repository';
import { createAftale, updateAftale } from '../aftaler/aftaler.repository';
import { boligomraadeCategories } from '../../common/boligomraader.domain';
import { importBoligomraadeList } from '../boligomraader/boligomraader-list.import';
import { setBoligomraadeStatus, updateBoligomraade } from '../boligomraader/boligomraader.repository';
import { saveStyringsdialog } from '../styringsdialog/styringsdialog.repository';
import { addHelhedsplanDeadline, addHelhedsplanRole, createHelhedsplan, updateHelhedsplan, updateIndsatsomraade } from '../helhedsplaner/helhedsplaner.repository';
import { syncedTables } from '../schema';
import { encodeHlc } from '../../common/hlc';
import { eraseContact } from '../gdpr/gdpr.repository';
import { checkDatabase } from '../maintenance';
import { AppError } from '../../common/result';
import { currentClock, maxClockLead } from './clock';
import { forgedOp, forgedRow, forgeFile } from './forge.testing';
import { listRecentImports, undoImport } from './import-undo';
import { materializeRow } from './materialize';
import { readSyncFile, syncFileLimits } from './sync-file';
import type { ImportPreview } from './sync.service';
import { asInstallation, digest, exportFrom, importInto, installation, type TestInstallation } from './sync-testing';

/**
 * Model-based property test: 2–4 installations run random commands — edits,
 * deletes, restores, merges of duplicates (with roles and follow-ups that
 * follow them), skewed clocks (also a file 23 h 59 min ahead passed on to a
 * laptop a minute behind), full and changes-only exports, imports, lost
 * files and re-imports of old files, "Fortryd import" of the most recent
 * import on one installation while the others keep editing. Afterwards everyone exchanges
 * everything, and the guarantees of ARCHITECTURE.md §5 must hold.
 */
type Command =
  | { kind: 'createOrg'; who: number; name: string }
  | { kind: 'renameOrg'; who: number; pick: number; name: string }
  | { kind: 'deleteOrg'; who: number; pick: number }
  | { kind: 'restoreOrg'; who: number; pick: number }
  | { kind: 'createContact'; who: number; name: string }
  | { kind: 'editContact'; who: number; pick: number; notes: string }
  | { kind: 'deleteContact'; who: number; pick: number }
  | { kind: 'restoreContact'; who: number; pick: number }
  | { kind: 'kommuneNotes'; who: number; notes: string }
  | { kind: 'merge'; who: number; table: 'organisation' | 'contact'; pick: number; other: number }
  | { kind: 'contactRole'; who: number; pick: number; org: number }
  | { kind: 'contactFollowUp'; who: number; pick: number }
  // Issue 16: a logged contact with one or two people and an organisation (the link rows follow merges; erasure erases it).
  | { kind: 'contactLog'; who: number; pick: number; other: number; org: number; note: string }
  | { kind: 'aftale'; who: number; pick: number; org: number; title: string; create: boolean }
  | { kind: 'boligomraade'; who: number; pick: number; org: number; year: number; category: number; importList: boolean }
  // The styringsdialog cycle (issue 17): laptops record steps of the same pair and year (one derived row), naming a contact that may be merged or erased.
  | { kind: 'styringsdialog'; who: number; org: number; pick: number; note: string; day: number }
  // Issue 17: a helhedsplan created with an organisation and an indsatsområde, or edited (name, parties), given a seat for a
  // contact (merges and erasure reach it) and a deadline; the seeded indsatsområder are renamed on any laptop.
  | { kind: 'helhedsplan'; who: number; pick: number; org: number; contact: number; name: string; create: boolean; area: number }
  | { kind: 'setKreds'; who: number; kreds: number | null }
  | { kind: 'skew'; who: number; ms: number }
  | { kind: 'export'; who: number; to: number | null }
  | { kind: 'import'; who: number; file: number }
  | { kind: 'undoImport'; who: number; from: number }
  | { kind: 'loseFile'; file: number }
  // Issue 13: two laptops merge one pair the opposite way round; a merge races an erasure; a checksum-valid file with wrong values.
  | { kind: 'mergeRace'; who: number; other: number; table: 'organisation' | 'contact'; pick: number; pick2: number }
  | { kind: 'mergeErase'; who: number; other: number; pick: number; pick2: number; eraseSurvivor: boolean }
  | { kind: 'forge'; who: number; pick: number; variant: number }
  // Issue 13: `from` runs almost a day fast; `who` takes its file and passes it on in its own to `to`, a minute behind `who`.
  | { kind: 'relaySkew'; who: number; from: number; to: number; lead: number };

const who = fc.integer({ min: 0, max: 3 });
const text = fc.constantFrom('Køge', 'Ærø', 'Åbenrå', 'KAB', 'Lejerbo', 'x', '');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('createOrg' as const), who, name: text }),
  fc.record({ kind: fc.constant('renameOrg' as const), who, pick: fc.nat(), name: text }),
  fc.record({ kind: fc.constant('deleteOrg' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('restoreOrg' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('createContact' as const), who, name: text }),
  fc.record({ kind: fc.constant('editContact' as const), who, pick: fc.nat(), notes: text }),
  fc.record({ kind: fc.constant('deleteContact' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('restoreContact' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('kommuneNotes' as const), who, notes: text }),
  fc.record({ kind: fc.constant('merge' as const), who, table: fc.constantFrom('organisation' as const, 'contact' as const), pick: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('contactRole' as const), who, pick: fc.nat(), org: fc.nat() }),
  fc.record({ kind: fc.constant('contactFollowUp' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('contactLog' as const), who, pick: fc.nat(), other: fc.nat(), org: fc.nat(), note: text }),
  fc.record({ kind: fc.constant('aftale' as const), who, pick: fc.nat(), org: fc.nat(), title: text, create: fc.boolean() }),
  fc.record({ kind: fc.constant('boligomraade' as const), who, pick: fc.nat(), org: fc.nat(), year: fc.integer({ min: 2024, max: 2025 }), category: fc.nat({ max: 3 }), importList: fc.boolean() }),
  fc.record({ kind: fc.constant('styringsdialog' as const), who, org: fc.nat(), pick: fc.nat(), note: text, day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('helhedsplan' as const), who, pick: fc.nat(), org: fc.nat(), contact: fc.nat(), name: text, create: fc.boolean(), area: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('setKreds' as const), who, kreds: fc.option(fc.integer({ min: 1, max: 11 }), { nil: null }) }),
  // Clock skew anywhere within a day, and near the limits: the 24 h a file may be ahead, the 5 min a clock follows another.
  fc.record({
    kind: fc.constant('skew' as const),
    who,
    ms: fc.oneof(fc.integer({ min: -86_000_000, max: 86_000_000 }), fc.constantFrom(86_399_000, -86_399_000, 300_001, 299_999, -300_001, -299_999, 0)),
  }),
  fc.record({ kind: fc.constant('export' as const), who, to: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }) }),
  fc.record({ kind: fc.constant('import' as const), who, file: fc.nat() }),
  fc.record({ kind: fc.constant('undoImport' as const), who, from: who }),
  fc.record({ kind: fc.constant('loseFile' as const), file: fc.nat() }),
  fc.record({ kind: fc.constant('mergeRace' as const), who, other: who, table: fc.constantFrom('organisation' as const, 'contact' as const), pick: fc.nat(), pick2: fc.nat() }),
  fc.record({ kind: fc.constant('mergeErase' as const), who, other: who, pick: fc.nat(), pick2: fc.nat(), eraseSurvivor: fc.boolean() }),
  fc.record({ kind: fc.constant('forge' as const), who, pick: fc.nat(), variant: fc.nat({ max: 9 }) }),
  fc.record({ kind: fc.constant('relaySkew' as const), who, from: who, to: who, lead: fc.constantFrom(86_399_000, 86_340_000, 86_000_000) }),
);

/**
 * Two live records both installations hold: made here (two of one person) and sent over in a fresh file (kept
 * for the others) when they do not share two yet, so races are not rare.
 */
async function sharedPair(me: TestInstallation, other: TestInstallation, table: 'organisation' | 'contact', pick: number, pick2: number, files: { from: number; file: string }[], meIndex: number): Promise<[string, string] | undefined> {
  const live = async (who: TestInstallation) => (await who.app.db.selectFrom(table).select('id').where('deleted_at', 'is', null).orderBy('id').execute()).map((r) => r.id);
  const shared = async () => {
    const theirs = new Set(await asInstallation(other, () => live(other)));
    return (await live(me)).filter((id) => theirs.has(id));
  };
  let common = await shared();
  if (common.length < 2) {
    if ((await live(me)).length < 2) {
      for (const name of ['Mette Ørsted', 'Mette Oersted']) {
        if (table === 'contact') await createContact(me.app.db, { name, emails: ['mette@kab.dk'], phones: [], notes: name }, []);
        else await createOrganisation(me.app.db, { name: `${name} Bolig`, kind: 'boligorganisation', notes: '', kommuneIds: [derivedId('kommune', 259)] });
      }
    }
    const file = await exportFrom(me);
    files.push({ from: meIndex, file });
    if (!(await importUnlessFromTheFuture(other, file))) return undefined;
    common = await shared();
  }
  const x = common[pick % Math.max(1, common.length)];
  let y = common[pick2 % Math.max(1, common.length)];
  if (x === y) y = common[(pick2 + 1) % common.length];
  return x && y && x !== y ? [x, y] : undefined;
}

let forgeries = 0;
/** A checksum-valid file from a forged installation whose operations break the schema or reference rows that are missing (held, never shown), aimed at `me`'s rows. */
async function forgedFiles(me: TestInstallation, pick: number, variant: number): Promise<string[]> {
  const origin = `f${(++forgeries).toString(16).padStart(15, '0')}`;
  const hlc = encodeHlc({ wall: Date.now(), counter: 0, node: origin });
  const ids = async (table: 'organisation' | 'contact') => (await me.app.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
  const orgs = await ids('organisation');
  const contacts = await ids('contact');
  const org = orgs[pick % Math.max(1, orgs.length)];
  const contact = contacts[pick % Math.max(1, contacts.length)];
  const fresh = derivedId('forged', origin);
  const file = (ops: ReturnType<typeof forgedOp>[]) => forgeFile(ops, { installationId: origin });
  switch (variant) {
    case 0:
      return org ? [file([forgedOp(hlc, 'organisation', org, 'kind', 'andelsboligforening')])] : [];
    case 1:
      return contact ? [file([forgedOp(hlc, 'contact', contact, 'emails', 'ikke json')])] : [];
    case 2:
      return contact ? [file([forgedOp(hlc, 'contact', contact, 'name', null)])] : [];
    case 3:
      return [file([forgedOp(hlc, 'kreds', derivedId('kreds', 1 + (pick % 11)), 'number', 99), forgedOp(hlc, 'kommune', derivedId('kommune', 259), 'navn', 'Atlantis')])];
    case 4:
      return [file(forgedRow(hlc, 'contact', `ugyldigt-id-${pick % 7}`, { name: 'Hr. Ugyldig', emails: '[]', phones: '[]', notes: '' }))];
    case 5:
      return org ? [file(forgedRow(hlc, 'organisation_kommune', fresh, { organisation_id: org, kommune_id: derivedId('kommune', 259) }))] : [];
    case 6:
      // A role for a contact that arrives in a second file (imported in any order, or never).
      return [
        file(forgedRow(hlc, 'affiliation', fresh, { contact_id: derivedId('forged contact', origin), organisation_id: null, kommune_id: derivedId('kommune', 259), title: 'Formand', kind: 'beboerdemokrat', from_date: null, to_date: null })),
        forgeFile(forgedRow(encodeHlc({ wall: Date.now(), counter: 1, node: `${origin.slice(0, -1)}c` }), 'contact', derivedId('forged contact', origin), { name: 'Sent ankommet', emails: '[]', phones: '[]', notes: '' }), { installationId: `${origin.slice(0, -1)}c` }),
      ];
    case 7:
      return contact ? [file([forgedOp(hlc, 'contact', contact, 'erased_at', null), forgedOp(hlc, 'contact', contact, 'merged_into', contact)])] : [];
    case 8:
      return org ? [file([forgedOp(hlc, 'organisation', org, 'name', 42), forgedOp(hlc, 'organisation', org, 'merged_seen', '{"__proto__":"x"}')])] : [];
    default:
      return [file(forgedRow(hlc, 'follow_up', fresh, { title: 'Forfalsket', details: '', owner_contact_id: derivedId('nobody', origin), owner_is_me: 0, due_date: '2026-13-45', status: 'aaben', kommune_id: null, source_meeting_id: null, source_agenda_item_id: null, closed_in_meeting_id: null }))];
  }
}

/**
 * Imports the file — or sees it refused as "from the future", which the
 * sender's own operations cause when more than a day ahead of `to`'s clock,
 * operations it relays from others only when more than two days ahead, and
 * which changes nothing.
 */
async function importUnlessFromTheFuture(to: TestInstallation, file: string): Promise<ImportPreview | null> {
  // The log and the journal, not the digest: this runs before every import, and a refused file must not reach either.
  const written = () => to.app.sqlite.prepare('SELECT (SELECT count(*) FROM sync_op) || \'/\' || (SELECT count(*) FROM sync_journal)').pluck().get();
  const before = written();
  const now = Date.now() + to.skew;
  try {
    return await importInto(to, file);
  } catch (error) {
    if (!(error instanceof AppError) || !/fremtiden/.test(error.message)) throw error;
    expect(written()).toBe(before);
    const { header, operations } = await readSyncFile(file, { limits: { maxFutureMs: Number.POSITIVE_INFINITY } });
    const wallsOf = (own: boolean) => operations.filter((op) => (op.origin === header.installationId) === own).map((op) => Number(op.hlc.slice(0, 16)));
    // The sender's own operations more than a day ahead, or relayed ones more than two days ahead (sync-file.ts).
    const ownAhead = Math.max(0, ...wallsOf(true)) > now + syncFileLimits.maxFutureMs;
    const relayedAhead = Math.max(0, ...wallsOf(false)) > now + 2 * syncFileLimits.maxFutureMs;
    expect(ownAhead || relayedAhead, 'refused for operations the sender relays within two days').toBe(true);
    return null;
  }
}

const ignoreUserErrors = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'NOT_FOUND' && code !== 'VALIDATION') throw error;
  }
};

async function rowIds(inst: TestInstallation, table: 'organisation' | 'contact' | 'aftale' | 'boligomraade' | 'helhedsplan'): Promise<string[]> {
  return (await inst.app.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Property: every row is what its operations say — nothing was written past the log (checked in a savepoint that is rolled back). */
function expectTablesMatchLog(inst: TestInstallation): void {
  const { sqlite } = inst.app;
  const rows = sqlite.prepare('SELECT r.uuid FROM sync_row r JOIN sync_symbol t ON t.id = r.tbl WHERE t.name = ?').pluck();
  const now = new Date().toISOString();
  sqlite.exec('SAVEPOINT tables_match_log');
  try {
    for (const table of syncedTables) {
      // Held rows (forged values, missing references) stay out of the tables, as the log says.
      for (const id of rows.all(table) as string[]) expect(['unchanged', 'held'], `${table} ${id}`).toContain(materializeRow(sqlite, table, id, now).kind);
    }
  } finally {
    sqlite.exec('ROLLBACK TO tables_match_log; RELEASE tables_match_log');
  }
}

async function run(size: number, commands: Command[]): Promise<void> {
  const installations = await Promise.all(Array.from({ length: size }, (_, i) => installation(`p${i}`)));
  const files: { from: number; file: string }[] = [];
  try {
    for (const c of commands) {
      if (c.kind === 'loseFile') {
        if (files.length) files.splice(c.file % files.length, 1);
        continue;
      }
      const me = installations[c.who % size]!;
      const pickFrom = async (table: 'organisation' | 'contact' | 'aftale' | 'boligomraade' | 'helhedsplan', pick: number) => {
        const ids = await rowIds(me, table);
        return ids.length ? ids[pick % ids.length] : undefined;
      };
      await asInstallation(me, async () => {
        switch (c.kind) {
          case 'createOrg':
            await ignoreUserErrors(() => createOrganisation(me.app.db, { name: c.name || 'Uden navn', kind: 'andet', notes: '', kommuneIds: [derivedId('kommune', 259)] }));
            break;
          case 'renameOrg': {
            const id = await pickFrom('organisation', c.pick);
            if (id) await ignoreUserErrors(() => updateOrganisation(me.app.db, { id, name: c.name || 'Omdøbt' }));
            break;
          }
          case 'deleteOrg': {
            const id = await pickFrom('organisation', c.pick);
            if (id) await ignoreUserErrors(() => deleteOrganisation(me.app.db, id));
            break;
          }
          case 'restoreOrg': {
            const id = await pickFrom('organisation', c.pick);
            if (id) await ignoreUserErrors(() => restoreOrganisation(me.app.db, id));
            break;
          }
          case 'createContact':
            await ignoreUserErrors(() => createContact(me.app.db, { name: c.name || 'Anonym', emails: [], phones: [], notes: '' }, []));
            break;
          case 'editContact': {
            const id = await pickFrom('contact', c.pick);
            if (id) await ignoreUserErrors(() => updateContact(me.app.db, id, { notes: c.notes }));
            break;
          }
          case 'deleteContact': {
            const id = await pickFrom('contact', c.pick);
            if (id) await ignoreUserErrors(() => deleteContact(me.app.db, id));
            break;
          }
          case 'restoreContact': {
            const id = await pickFrom('contact', c.pick);
            if (id) await ignoreUserErrors(() => restoreContact(me.app.db, id));
            break;
          }
          case 'kommuneNotes':
            await updateKommune(me.app.db, { id: derivedId('kommune', 259), notes: c.notes });
            break;
          case 'merge': {
            const survivorId = await pickFrom(c.table, c.pick);
            const mergedId = await pickFrom(c.table, c.other);
            if (survivorId && mergedId) await ignoreUserErrors(() => mergeRecords(me.app.db, { table: c.table, survivorId, mergedId }));
            break;
          }
          case 'contactRole': {
            const contactId = await pickFrom('contact', c.pick);
            const organisationId = await pickFrom('organisation', c.org);
            if (contactId && organisationId)
              await ignoreUserErrors(() => createAffiliation(me.app.db, contactId, { organisationId, kommuneId: null, title: 'Direktør', kind: 'boligorganisation', fromDate: null, toDate: null }));
            break;
          }
          case 'contactFollowUp': {
            const ownerContactId = await pickFrom('contact', c.pick);
            if (ownerContactId) await ignoreUserErrors(() => createFollowUp(me.app.db, followUpFieldsSchema.parse({ title: 'Opfølgning', ownerContactId })));
            break;
          }
          case 'contactLog': {
            const first = await pickFrom('contact', c.pick);
            const second = await pickFrom('contact', c.other);
            const organisationId = await pickFrom('organisation', c.org);
            if (first && second)
              await ignoreUserErrors(() =>
                createContactLog(me.app.db, contactLogInputSchema.parse({ date: '2026-11-20', kind: 'telefon', note: c.note, contactIds: [first, second], organisationId: organisationId ?? null })),
              );
            break;
          }
          case 'aftale': {
            // Aftaler (issue 17): created with an organisation as party, or edited (title, goals, parties) on any laptop.
            const organisationId = await pickFrom('organisation', c.org);
            const existing = c.create ? undefined : await pickFrom('aftale', c.pick);
            const goals = [{ text: c.title || 'Mål', indicator: '', status: 'i_gang' as const }];
            if (existing) await ignoreUserErrors(() => updateAftale(me.app.db, { id: existing, title: c.title || 'Aftale', goals, organisationIds: organisationId ? [organisationId] : [] }));
            else await ignoreUserErrors(() => createAftale(me.app.db, { kind: 'samarbejdsaftale', title: c.title || 'Aftale', kommuneId: derivedId('kommune', 259), organisationIds: organisationId ? [organisationId] : [], goals }));
            break;
          }
          case 'boligomraade': {
            // Boligområder (issue 17): a year's list imported on any laptop makes the same area and status rows
            // (derived ids); or an area's organisations and one year's categories set by hand.
            const category = boligomraadeCategories[c.category % boligomraadeCategories.length]!;
            if (c.importList) {
              const csv = `Boligområde;Kommune;Kategori\r\nEllemarken;Køge;${category}\r\nVollsmose;Odense;parallelsamfund\r\n`;
              await ignoreUserErrors(() => importBoligomraadeList(me.app.db, new TextEncoder().encode(csv), 'liste.csv', c.year));
            } else {
              const existing = await pickFrom('boligomraade', c.pick);
              const organisationId = await pickFrom('organisation', c.org);
              if (existing) {
                await ignoreUserErrors(() => updateBoligomraade(me.app.db, { id: existing, organisationIds: organisationId ? [organisationId] : [] }));
                await ignoreUserErrors(() => setBoligomraadeStatus(me.app.db, { id: existing, year: c.year, categories: [category] }));
              }
            }
            break;
          }
          case 'styringsdialog': {
            const organisationId = await pickFrom('organisation', c.org);
            const contactId = await pickFrom('contact', c.pick);
            const day = `2026-05-${String(c.day).padStart(2, '0')}`;
            if (organisationId)
              await ignoreUserErrors(() =>
                saveStyringsdialog(me.app.db, { kommuneId: derivedId('kommune', 259), organisationId, year: 2026, pakke: { date: day, contactId: contactId ?? null, who: c.note }, notes: c.note }),
              );
            break;
          }
          case 'helhedsplan': {
            const organisationId = await pickFrom('organisation', c.org);
            const contactId = await pickFrom('contact', c.contact);
            const area = derivedId('indsatsomraade', '2019-01-01', ['uddannelse', 'beskaeftigelse', 'kriminalitet', 'sammenhaeng'][c.area]!);
            const existing = c.create ? undefined : await pickFrom('helhedsplan', c.pick);
            if (existing) {
              await ignoreUserErrors(() => updateHelhedsplan(me.app.db, { id: existing, name: c.name || 'Helhedsplan', organisationIds: organisationId ? [organisationId] : [] }));
              if (contactId) await ignoreUserErrors(() => addHelhedsplanRole(me.app.db, { helhedsplanId: existing, contactId, body: 'bestyrelse', title: c.name }));
              await ignoreUserErrors(() => addHelhedsplanDeadline(me.app.db, { helhedsplanId: existing, kind: 'aarsstatus', dueDate: '2027-03-01' }));
            } else {
              await ignoreUserErrors(() =>
                createHelhedsplan(me.app.db, { name: c.name || 'Helhedsplan', kommuneId: derivedId('kommune', 259), organisationIds: organisationId ? [organisationId] : [], indsatsomraadeIds: [area] }),
              );
            }
            if (c.name) await ignoreUserErrors(() => updateIndsatsomraade(me.app.db, { id: area, name: c.name }));
            break;
          }
          case 'setKreds':
            // Dated kreds membership: laptops that set Køge's kreds the same day write the same dated row.
            await setKommunerKreds(me.app.db, { ids: [derivedId('kommune', 259)], kredsId: c.kreds === null ? null : derivedId('kreds', c.kreds) });
            break;
          case 'skew':
            me.skew = c.ms;
            break;
          case 'export': {
            const peer = c.to === null ? undefined : installations[c.to % size];
            if (peer && peer !== me) await ignoreUserErrors(async () => files.push({ from: c.who % size, file: await exportFrom(me, { peer }) }));
            else files.push({ from: c.who % size, file: await exportFrom(me) });
            break;
          }
          case 'import': {
            const entry = files.length ? files[c.file % files.length] : undefined;
            if (entry && entry.from !== c.who % size) {
              const before = digest(me);
              const clockBefore = await currentClock(me.app.db);
              const result = await importUnlessFromTheFuture(me, entry.file);
              if (!result) break;
              // Property: a received clock moves this one at most maxClockLead past its own wall clock (and never back).
              const clockAfter = (await currentClock(me.app.db)) ?? '';
              const wallAfter = Number(clockAfter.slice(0, 16));
              expect(clockAfter >= (clockBefore ?? '')).toBe(true);
              expect(wallAfter <= Math.max(Number((clockBefore ?? '0').slice(0, 16)), Date.now() + me.skew + maxClockLead + 1)).toBe(true);
              // Property: the preview's counts equal the actual change; an import of nothing new changes nothing.
              if (result.report.nothingToDo) expect(digest(me)).toBe(before);
              // Property: idempotent — importing the same file again changes nothing.
              const after = digest(me);
              const again = await importInto(me, entry.file);
              expect(again.report.nothingToDo).toBe(true);
              expect(digest(me)).toBe(after);
            }
            break;
          }
          case 'mergeRace': {
            // The same pair, merged the opposite way round on two laptops before either hears of the other.
            const other = installations[c.other % size]!;
            if (other === me) break;
            const pair = await sharedPair(me, other, c.table, c.pick, c.pick2, files, c.who % size);
            if (!pair) break;
            await ignoreUserErrors(() => mergeRecords(me.app.db, { table: c.table, survivorId: pair[0], mergedId: pair[1] }));
            await asInstallation(other, () => ignoreUserErrors(() => mergeRecords(other.app.db, { table: c.table, survivorId: pair[1], mergedId: pair[0] })));
            break;
          }
          case 'mergeErase': {
            // A merge here while the other laptop erases one of the two (GDPR "Slet person").
            const other = installations[c.other % size]!;
            if (other === me) break;
            const pair = await sharedPair(me, other, 'contact', c.pick, c.pick2, files, c.who % size);
            if (!pair) break;
            await ignoreUserErrors(() => mergeRecords(me.app.db, { table: 'contact', survivorId: pair[0], mergedId: pair[1] }));
            await asInstallation(other, () => ignoreUserErrors(() => eraseContact(other.app, c.eraseSurvivor ? pair[0] : pair[1])));
            break;
          }
          case 'forge': {
            // Checksum-valid files with wrong values: accepted, held, and passed on like any file.
            for (const file of await forgedFiles(me, c.pick, c.variant)) {
              files.push({ from: -1, file });
              const result = await importInto(me, file);
              expect(checkDatabase(me.app.sqlite).ok).toBe(true);
              expect(result.report.held + result.report.alreadyPresent + result.report.applied).toBeGreaterThan(0);
            }
            break;
          }
          case 'relaySkew': {
            const fast = installations[c.from % size]!;
            const slow = installations[c.to % size]!;
            if (fast === me || slow === me || fast === slow) break;
            fast.skew = c.lead;
            await asInstallation(fast, () => updateKommune(fast.app.db, { id: derivedId('kommune', 259), notes: 'Skrevet i morgen' }));
            const fromFast = await exportFrom(fast);
            files.push({ from: c.from % size, file: fromFast });
            if (!(await importUnlessFromTheFuture(me, fromFast))) break;
            await ignoreUserErrors(() => createContact(me.app.db, { name: 'Videregivet', emails: [], phones: [], notes: '' }, []));
            const relayed = await exportFrom(me);
            files.push({ from: c.who % size, file: relayed });
            // Property (via importUnlessFromTheFuture): refused only for `me`'s own clock, never for `fast`'s that it passes on.
            slow.skew = me.skew - 60_000;
            await importUnlessFromTheFuture(slow, relayed);
            break;
          }
          case 'undoImport': {
            // "Fortryd import" of this installation's most recent import that can still be undone: ordinary new operations.
            // With none to undo, it first imports a fresh file from `from` (kept for the others too), so undos are not rare.
            let latest = (await listRecentImports(me.app.db)).find((entry) => entry.state === 'undoable');
            const from = c.from % size;
            if (!latest && from !== c.who % size) {
              const file = await exportFrom(installations[from]!);
              files.push({ from, file });
              await importUnlessFromTheFuture(me, file);
              latest = (await listRecentImports(me.app.db)).find((entry) => entry.state === 'undoable');
            }
            if (latest) {
              await undoImport(me.app, latest.journalId);
              expectTablesMatchLog(me);
              // Property: an import is undone at most once.
              await expect(undoImport(me.app, latest.journalId)).rejects.toMatchObject({ code: 'VALIDATION' });
            }
            break;
          }
        }
      });
    }
    // Everyone's clock is put right, then everyone exchanges everything (full exports), twice, in opposite orders.
    for (const inst of installations) inst.skew = 0;
    for (const order of [installations, [...installations].reverse()]) {
      for (const from of order) {
        const file = await exportFrom(from);
        for (const to of order) if (to !== from) await importInto(to, file);
      }
    }
    // Property: convergence — identical digests everywhere.
    const digests = installations.map(digest);
    expect(new Set(digests).size).toBe(1);
    for (const inst of installations) {
      const { sqlite } = inst.app;
      expect(checkDatabase(sqlite).ok).toBe(true);
      expectTablesMatchLog(inst);
      // Property: merges resolve to exactly one survivor — no record merged into itself or into a cycle, every chain ends in a record that is not merged.
      for (const table of ['contact', 'organisation'] as const) {
        const pointers = new Map((sqlite.prepare(`SELECT id, merged_into FROM ${table} WHERE merged_into IS NOT NULL`).raw().all() as [string, string][]).map(([id, to]) => [id, to]));
        for (const start of pointers.keys()) {
          const seen = new Set<string>();
          for (let at: string | undefined = start; at !== undefined; at = pointers.get(at)) {
            expect(seen.has(at), `${table} ${start}: merge cycle`).toBe(false);
            seen.add(at);
          }
        }
        for (const [id] of pointers) expect(sqlite.prepare(`SELECT deleted_at FROM ${table} WHERE id = ?`).pluck().get(id), `${table} ${id} merged but live`).not.toBeNull();
      }
      // Property: an erased person stays erased and deleted.
      for (const row of sqlite.prepare('SELECT name, deleted_at FROM contact WHERE erased_at IS NOT NULL').all() as { name: string; deleted_at: string | null }[]) {
        expect(row).toMatchObject({ name: 'Slettet person' });
        expect(row.deleted_at).not.toBeNull();
      }
    }
  } finally {
    for (const inst of installations) await inst.app.close();
  }
}

describe('sync guarantees under random use (fast-check)', () => {
  const runs = Number(process.env.KREDSBOG_SYNC_RUNS ?? 1000);
  it(`converge, stay idempotent and lose nothing over ${runs} random histories`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.array(command, { minLength: 5, maxLength: 40 }), (size, commands) => run(size, commands)),
      { numRuns: runs, seed: Number(process.env.KREDSBOG_SYNC_SEED ?? 20261123), verbose: 1 },
    );
  }, 600_000);

  it('delete versus a concurrent earlier edit: the record stays deleted, the edit is kept in history', async () => {
    const [x, y] = [await installation('x'), await installation('y')];
    try {
      const contact = await createContact(x.app.db, { name: 'Per', emails: [], phones: [], notes: '' }, []);
      await importInto(y, await exportFrom(x));
      y.skew = -60_000;
      await asInstallation(y, () => updateContact(y.app.db, contact.id, { notes: 'tidlig rettelse' }));
      // y's clock already saw x's (it imported x's file), so x's delete must be clearly later.
      x.skew = 60_000;
      await asInstallation(x, () => deleteContact(x.app.db, contact.id));
      const fromX = await exportFrom(x);
      const fromY = await exportFrom(y);
      await importInto(y, fromX);
      await importInto(x, fromY);
      expect(digest(x)).toBe(digest(y));
      const row = x.app.sqlite.prepare('SELECT notes, deleted_at FROM contact WHERE id = ?').get(contact.id) as { notes: string; deleted_at: string | null };
      expect(row.notes).toBe('tidlig rettelse');
      expect(row.deleted_at).not.toBeNull();
    } finally {
      await x.app.close();
      await y.app.close();
    }
  });
});

import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { affiliationFieldsSchema, organisationCreateInputSchema } from '../../common/domain';
import { meetingCreateInputSchema } from '../../common/meetings.domain';
import { foldDanish } from '../../common/text-fold';
import { contactLogInputSchema } from '../../common/relationships.domain';
import { createContactLog } from '../contact-log/contact-log.repository';
import { createContact, updateContact } from '../contacts/contacts.repository';
import { updateRow } from '../mutations';
import { derivedId } from '../ids';
import { checkDatabase } from '../maintenance';
import { createMeeting } from '../meetings/meetings.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { search } from '../search/search.repository';
import { markExported } from '../sync/clock';
import { exportSync, importSync } from '../sync/sync.service';
import { syncTempDir } from '../sync/sync-testing';
import { createTestDatabase } from '../testing/test-database';
import { eraseContact } from './gdpr.repository';

/**
 * "Slet person" removes every byte of the person from the database file and
 * its WAL: the rows and the operation log (redacted), the full-text index
 * (FTS5 keeps deleted terms in its segments unless its own secure-delete is
 * on), "Fortryd import"'s record of what imports changed, and old page
 * versions in the WAL (checkpointed and truncated). Checked by scanning the
 * raw bytes for the name, e-mail, phone and notes, as typed and as the search
 * index folds them.
 */
const name = 'Zacharias Ærbøløkke';
const email = 'zacharias.aerboeloekke@example.dk';
const phone = '+45 61 72 83 94';
const notes = 'Foretrækker kaffe på Østervoldgade hver fredag';
const roleTitle = 'Næstformand i Ærøskøbing afdeling';
const logNote = 'Ringede om kolonihavehusets overdragelse';

/** Every form the person can be stored in: as typed, folded for search, and tails of each (FTS5 stores terms prefix-compressed). */
const needles = (() => {
  const forms = [name, 'Ærbøløkke', email, phone, '61 72 83 94', notes, 'Østervoldgade', roleTitle, logNote, 'kolonihavehusets'];
  const folded = forms.map(foldDanish);
  const tails = ['harias', 'bolokke', 'rbøløkke', 'aerboeloekke', 'stervoldgade', 'ervoldgad', 'roskobing', 'skøbing'];
  return [...new Set([...forms, ...folded, ...tails])];
})();

function leaks(file: string): string[] {
  const found: string[] = [];
  for (const path of [file, `${file}-wal`]) {
    if (!fs.existsSync(path)) continue;
    const bytes = fs.readFileSync(path);
    for (const needle of needles) {
      for (const encoded of [Buffer.from(needle, 'utf8'), Buffer.from(needle.toLowerCase(), 'utf8')]) {
        if (bytes.includes(encoded)) found.push(`${path.endsWith('-wal') ? 'WAL' : 'fil'}: ${needle}`);
      }
    }
  }
  return [...new Set(found)];
}

const dbs: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.dispose();
});

async function personIn(app: Awaited<ReturnType<typeof createTestDatabase>>) {
  const org = await createOrganisation(app.db, organisationCreateInputSchema.parse({ name: 'KAB', kind: 'boligorganisation', kommuneIds: [derivedId('kommune', 259)] }));
  const contact = await createContact(app.db, { name, emails: [email], phones: [phone], notes }, [affiliationFieldsSchema.parse({ organisationId: org.id, title: roleTitle, kind: 'beboerdemokrat' })]);
  // Edited after a file carried it, so the log holds older versions too.
  markExported(app.sqlite);
  await updateContact(app.db, contact.id, { notes: `${notes}.` });
  await createMeeting(app.db, meetingCreateInputSchema.parse({ title: 'Dialogmøde', startsAt: '2026-03-05T09:00:00.000Z', inviteeIds: [contact.id] }));
  // A logged call with the person (kontaktlog), its note edited after a file carried it.
  const entry = await createContactLog(app.db, contactLogInputSchema.parse({ date: '2026-03-04', kind: 'telefon', note: `${logNote}.`, contactIds: [contact.id] }));
  markExported(app.sqlite);
  await app.db.transaction().execute((trx) => updateRow(trx, 'contact_log', entry.id, { note: logNote }));
  // Others the search index must keep finding.
  const other = await createContact(app.db, { name: 'Søren Kierkegaard', emails: ['soeren@koege.dk'], phones: [], notes: 'Filosof' }, []);
  return { id: contact.id, other: other.id };
}

describe('Slet person leaves no byte of the person in the database file or its WAL', () => {
  it('erased here: rows, log, search index and WAL hold nothing of the name, e-mail, phone or notes, folded or not', async () => {
    const app = await createTestDatabase();
    dbs.push(app);
    const { id, other } = await personIn(app);
    expect(leaks(app.file).length).toBeGreaterThan(0);
    await eraseContact(app, id, { confirmName: name });
    expect(leaks(app.file)).toEqual([]);
    expect(checkDatabase(app.sqlite).ok).toBe(true);
    // The index still works for everyone else.
    expect((await search(app.db, 'kierkegaard')).hits.map((h) => h.id)).toContain(other);
    expect((await search(app.db, 'zacharias')).hits).toEqual([]);
  });

  it('erased elsewhere: the import that brings the erasure leaves nothing either, also of what an earlier import recorded for undo', async () => {
    const [a, b] = [await createTestDatabase(), await createTestDatabase()];
    dbs.push(a, b);
    const { id } = await personIn(a);
    const first = `${syncTempDir}/bytes-a-${process.pid}-1.kredsbog`;
    await exportSync(a, { out: first, appVersion: 'test' });
    await importSync(b, first);
    await updateContact(a.db, id, { phones: [phone, '+45 99 88 77 66'] });
    const second = `${syncTempDir}/bytes-a-${process.pid}-2.kredsbog`;
    await exportSync(a, { out: second, appVersion: 'test' });
    await importSync(b, second);
    expect(leaks(b.file).length).toBeGreaterThan(0);
    await eraseContact(a, id, { confirmName: name });
    const third = `${syncTempDir}/bytes-a-${process.pid}-3.kredsbog`;
    await exportSync(a, { out: third, appVersion: 'test' });
    await importSync(b, third, { confirmLargeDeletes: true });
    expect(leaks(a.file)).toEqual([]);
    expect(leaks(b.file)).toEqual([]);
    expect(checkDatabase(b.sqlite).ok).toBe(true);
  });

  it('no operation can clear erased_at: a forged "un-erase" leaves the person erased and deleted', async () => {
    const { forgedClock, forgedOp, forgeFile } = await import('../sync/forge.testing');
    const app = await createTestDatabase();
    dbs.push(app);
    const { id } = await personIn(app);
    await eraseContact(app, id, { confirmName: name });
    const file = forgeFile([forgedOp(forgedClock(60_000), 'contact', id, 'erased_at', null), forgedOp(forgedClock(60_000), 'contact', id, 'deleted_at', null), forgedOp(forgedClock(60_000), 'contact', id, 'name', 'Tilbage igen')]);
    await importSync(app, file);
    const row = app.sqlite.prepare('SELECT name, erased_at, deleted_at FROM contact WHERE id = ?').get(id) as { name: string; erased_at: string | null; deleted_at: string | null };
    expect(row.erased_at).not.toBeNull();
    expect(row.deleted_at).not.toBeNull();
    expect(row.name).toBe('Slettet person');
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../organisations/organisations.repository';
import { readSyncFile } from './sync-file';
import { asInstallation, digest, exportFrom, installation, syncTempDir, type TestInstallation } from './sync-testing';
import { importSync, previewImport } from './sync.service';

/**
 * Reading a sync file in one pass: a file imported before is known by the
 * SHA-256 of its bytes on disk before anything is inflated (then only its
 * header is read), by its content's SHA-256 when the journal entry predates
 * that; and a file with several faults names the one the two-pass reader
 * named.
 */
let a: TestInstallation;
let b: TestInstallation;
beforeAll(async () => {
  [a, b] = [await installation('ida'), await installation('idb')];
  for (const name of ['Køge Boligselskab', 'Ærø Boligforening']) await createOrganisation(a.app.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [] });
});
afterAll(async () => {
  await a.app.close();
  await b.app.close();
});

const fileSha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const journal = () =>
  b.app.sqlite
    .prepare(`SELECT id, summary FROM sync_journal WHERE kind = 'import' ORDER BY id`)
    .all()
    .map((row) => ({ id: (row as { id: number }).id, ...(JSON.parse((row as { summary: string }).summary) as { sha256: string; fileSha256?: string; applied: number }) }));
const importB = (file: string) => asInstallation(b, () => importSync(b.app, file, { confirmLargeDeletes: true }));

let n = 0;
const copyOf = (bytes: Buffer) => {
  const file = path.join(syncTempDir, `identity-${++n}.kredsbog`);
  fs.writeFileSync(file, bytes);
  return file;
};

describe('a file imported before', () => {
  it('is recorded by the SHA-256 of its bytes on disk, and known by it before anything is inflated', async () => {
    const file = await exportFrom(a);
    const first = await importB(file);
    expect(first.report.applied).toBeGreaterThan(0);
    const [entry] = journal().slice(-1);
    expect(entry).toMatchObject({ fileSha256: fileSha256(file), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const after = digest(b);

    // The shortcut takes the content checksum from the journal, not from the file: a marked entry shows which path was taken.
    const marker = 'f'.repeat(64);
    b.app.sqlite.prepare(`UPDATE sync_journal SET summary = json_set(summary, '$.sha256', ?) WHERE id = ?`).run(marker, entry!.id);
    const again = await importB(file);
    expect(again.report).toMatchObject({ nothingToDo: true, applied: 0 });
    expect(again.report.alreadyPresent).toBe(again.report.operations);
    expect(again.report.operations).toBe(first.report.operations);
    expect(journal().at(-1)).toMatchObject({ sha256: marker, fileSha256: fileSha256(file), applied: 0 });
    const preview = await asInstallation(b, () => previewImport(b.app, file));
    expect(preview.report).toMatchObject({ nothingToDo: true, operations: first.report.operations });
    expect(digest(b)).toBe(after);
  });

  it('reads nothing past the header then: the rest of the bytes are those that passed every check before', async () => {
    const file = await exportFrom(a);
    const bytes = fs.readFileSync(file);
    // The header, then lines that are neither operations nor a trailer.
    const headerLine = zlib.gunzipSync(bytes).toString('utf8').split('\n')[0]!;
    const headerOnly = copyOf(zlib.gzipSync(`${headerLine}\n${'{"not":"an operation"}\n'.repeat(3)}`));
    const known = fileSha256(headerOnly);
    const read = await readSyncFile(headerOnly, { importedFile: (sha) => (sha === known ? 'a'.repeat(64) : null) });
    expect(read).toMatchObject({ alreadyImported: true, operations: [], sha256: 'a'.repeat(64), fileSha256: known, header: { installationName: expect.any(String) } });
    // Unknown, the same bytes are read whole and refused.
    await expect(readSyncFile(headerOnly, { importedFile: () => null })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('is still known by its content when the journal entry has no file checksum (an older version wrote it), and gets one', async () => {
    await createOrganisation(a.app.db, { name: 'Åbenrå Bolig', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const file = await exportFrom(a);
    await importB(file);
    const entry = journal().at(-1)!;
    b.app.sqlite.prepare(`UPDATE sync_journal SET summary = json_remove(summary, '$.fileSha256') WHERE id = ?`).run(entry.id);
    const after = digest(b);
    const again = await importB(file);
    expect(again.report).toMatchObject({ nothingToDo: true, applied: 0 });
    expect(journal().at(-1)).toMatchObject({ sha256: entry.sha256, fileSha256: fileSha256(file) });
    expect(digest(b)).toBe(after);
  });

  it('is known by its content when the same content is compressed differently', async () => {
    const file = await exportFrom(a);
    await importB(file);
    const entry = journal().at(-1)!;
    const recompressed = copyOf(zlib.gzipSync(zlib.gunzipSync(fs.readFileSync(file)), { level: 1 }));
    expect(fileSha256(recompressed)).not.toBe(fileSha256(file));
    const read = await readSyncFile(recompressed, { importedFile: () => null, alreadyImported: (sha) => sha === entry.sha256 });
    expect(read).toMatchObject({ alreadyImported: true, operations: [], sha256: entry.sha256, fileSha256: fileSha256(recompressed) });
    const again = await importB(recompressed);
    expect(again.report).toMatchObject({ nothingToDo: true, applied: 0 });
  });
});

describe('one pass, the verdicts of two', () => {
  let lines: string[];
  beforeAll(async () => {
    lines = zlib.gunzipSync(fs.readFileSync(await exportFrom(a))).toString('utf8').trimEnd().split('\n');
  });
  const gz = (body: string[]) => copyOf(zlib.gzipSync(body.map((l) => `${l}\n`).join('')));
  /** The header (counting `ops`), `ops` and a true trailer. */
  const rebuilt = (ops: string[]) => {
    const head = JSON.parse(lines[0]!) as Record<string, unknown>;
    const body = [JSON.stringify({ ...head, counts: { operations: ops.length } }), ...ops];
    const sha256 = createHash('sha256').update(body.map((l) => `${l}\n`).join('')).digest('hex');
    return gz([...body, JSON.stringify({ trailer: true, count: ops.length, sha256 })]);
  };
  const refusal = async (file: string) => ((await readSyncFile(file).catch((e: unknown) => e)) as Error).message;

  it('names a wrong checksum before a broken operation', async () => {
    const broken = [...lines];
    broken[1] = '{"not":"an operation"}';
    expect(await refusal(gz(broken))).toMatch(/kontrolsummen passer ikke/);
  });

  it('names a wrong count before a broken operation', async () => {
    const body = [lines[0]!, '{"not":"an operation"}', ...lines.slice(2, -2)];
    const sha256 = createHash('sha256').update(body.map((l) => `${l}\n`).join('')).digest('hex');
    expect(await refusal(gz([...body, JSON.stringify({ trailer: true, count: body.length - 1, sha256 })]))).toMatch(/antallet af ændringer passer ikke/);
  });

  it('names the first broken operation of an otherwise sound file, and reads a sound one whole', async () => {
    const ops = lines.slice(1, -1);
    expect(ops.length).toBeGreaterThan(2);
    expect(await refusal(rebuilt([ops[0]!, '{"h":1}', '[[[[[[[[[[]]]]]]]]]]', ...ops.slice(3)]))).toMatch(/ugyldig ændring/);
    expect(await refusal(rebuilt([ops[0]!, '[[[[[[[[[[]]]]]]]]]]', '{"h":1}', ...ops.slice(3)]))).toMatch(/dybt indlejrede/);
    expect(await refusal(rebuilt([ops.at(-1)!, ...ops.slice(0, -1)]))).toMatch(/tidsrækkefølge/);
    const read = await readSyncFile(rebuilt(ops));
    expect(read.operations).toHaveLength(ops.length);
    expect(read.operations[0]).toEqual((({ h, t, r, f, v, p, o }) => ({ hlc: h, tbl: t, row_id: r, field: f, value: v, prev: p, origin: o }))(JSON.parse(ops[0]!) as Record<string, unknown>));
  });

  it('reads a line that begins with a byte-order mark as the TextDecoder did, dropping the mark', async () => {
    const ops = lines.slice(1, -1);
    const read = await readSyncFile(rebuilt([`\ufeff${ops[0]!}`, ...ops.slice(1)]));
    expect(read.operations).toHaveLength(ops.length);
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../organisations/organisations.repository';
import { asInstallation, digest, exportFrom, installation, syncTempDir, type TestInstallation } from './sync-testing';
import { importSync } from './sync.service';

/**
 * Fuzzing the reader: every damaged or hostile file is rejected with one
 * clear Danish sentence, and the receiving database is untouched.
 */
let a: TestInstallation;
let b: TestInstallation;
let good: Buffer;
let lines: string[];
beforeAll(async () => {
  [a, b] = [await installation('fa'), await installation('fb')];
  for (const name of ['Køge Boligselskab', 'Ærø Boligforening', 'Åbenrå Bolig']) await createOrganisation(a.app.db, { name, kind: 'boligorganisation', notes: '', kommuneIds: [] });
  good = zlib.gunzipSync(fs.readFileSync(await exportFrom(a)));
  lines = good.toString('utf8').trimEnd().split('\n');
});
afterAll(async () => {
  await a.app.close();
  await b.app.close();
});

let n = 0;
const write = (content: Buffer, gzip = true) => {
  const file = path.join(syncTempDir, `fuzz-${++n}.kredsbog`);
  fs.writeFileSync(file, gzip ? zlib.gzipSync(content) : content);
  return file;
};
/** Rebuilds a file from lines with a correct trailer, so only the tested flaw remains. */
const withTrailer = (lines: string[]) => {
  const [first, ...rest] = lines;
  const head = JSON.parse(first!) as { counts: { operations: number } };
  const body = [JSON.stringify({ ...head, counts: { operations: rest.length } }), ...rest];
  const text = body.map((l) => `${l}\n`).join('');
  const sha256 = createHash('sha256').update(text).digest('hex');
  return Buffer.from(`${text}${JSON.stringify({ trailer: true, count: body.length - 1, sha256 })}\n`);
};
const header = () => JSON.parse(lines[0]!) as Record<string, unknown>;

async function expectRejected(file: string, reason: RegExp) {
  const before = digest(b);
  const error = await asInstallation(b, () => importSync(b.app, file)).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Filen kan ikke importeres: .* Intet er ændret\.$/) });
  expect((error as Error).message).toMatch(reason);
  expect(digest(b)).toBe(before);
  expect(b.app.sqlite.prepare('SELECT count(*) AS n FROM sync_op').get()).toEqual({ n: 0 });
}

describe('sync file validation', () => {
  it('accepts the untouched file', async () => {
    const result = await asInstallation(b, () => importSync(b.app, write(good)));
    expect(result.report.tables.organisation?.created).toBe(3);
    b.app.sqlite.exec('DELETE FROM sync_op; DELETE FROM organisation; DELETE FROM sync_peer; DELETE FROM sync_conflict');
  });

  it('rejects truncated files at any byte', async () => {
    const gz = zlib.gzipSync(good);
    for (const cut of [1, 10, Math.floor(gz.length / 2), gz.length - 1]) await expectRejected(write(gz.subarray(0, cut), false), /beskadiget|ufuldstændig/);
    await expectRejected(write(good.subarray(0, good.length - 5)), /midt i en linje|afslutning|ufuldstændig/);
  });

  it('rejects any flipped byte (checksum, JSON or gzip)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 2 }), fc.integer({ min: 1, max: 255 }), async (index, mask) => {
        const damaged = Buffer.from(good);
        damaged[index] = damaged[index]! ^ mask;
        const before = digest(b);
        const error = await asInstallation(b, () => importSync(b.app, write(damaged))).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'VALIDATION' });
        expect(digest(b)).toBe(before);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });

  it('rejects a wrong checksum and a wrong count', async () => {
    const body = lines.slice(0, -1);
    const trailer = JSON.parse(lines.at(-1)!) as { sha256: string; count: number };
    await expectRejected(write(Buffer.from([...body, JSON.stringify({ ...trailer, sha256: '0'.repeat(64) })].map((l) => `${l}\n`).join(''))), /kontrolsummen/);
    // One operation dropped, header still counting it, checksum recomputed: the count gives it away.
    const short = body.slice(0, -1).map((l) => `${l}\n`).join('');
    const sha256 = createHash('sha256').update(short).digest('hex');
    await expectRejected(write(Buffer.from(`${short}${JSON.stringify({ trailer: true, count: body.length - 2, sha256 })}\n`)), /antallet/);
  });

  it('rejects oversized lines, deep JSON and prototype-pollution keys', async () => {
    await expectRejected(write(withTrailer([lines[0]!, `"${'x'.repeat(3 * 1024 * 1024)}"`])), /for lang/);
    await expectRejected(write(withTrailer([lines[0]!, `${'['.repeat(50)}${']'.repeat(50)}`])), /dybt/);
    const polluted = JSON.stringify({ ...(JSON.parse(lines[1]!) as object) }).replace('{', '{"__proto__":{"admin":true},');
    await expectRejected(write(withTrailer([lines[0]!, polluted])), /ugyldige nøgler/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('rejects invalid UTF-8', async () => {
    const head = JSON.stringify({ ...header(), counts: { operations: 1 } });
    const body = Buffer.concat([Buffer.from(`${head}\n`), Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a])]);
    const sha256 = createHash('sha256').update(body).digest('hex');
    await expectRejected(write(Buffer.concat([body, Buffer.from(`${JSON.stringify({ trailer: true, count: 1, sha256 })}\n`)])), /UTF-8/);
  });

  it('rejects a file from a newer app, and operations from more than a day in the future', async () => {
    await expectRejected(write(withTrailer([JSON.stringify({ ...header(), formatVersion: 9, minReaderVersion: 9 }), ...lines.slice(1, -1)])), /nyere version/);
    const future = lines.slice(1, -1).map((l) => {
      const op = JSON.parse(l) as { h: string };
      const wall = String(Date.now() + 2 * 86_400_000).padStart(16, '0');
      return JSON.stringify({ ...op, h: `${wall}${op.h.slice(16)}` });
    });
    await expectRejected(write(withTrailer([lines[0]!, ...future])), /fremtiden/);
  });

  it('rejects operations that break the schema: unknown shape, clock/origin mismatch, non-scalar values', async () => {
    const op = JSON.parse(lines[1]!) as Record<string, unknown>;
    for (const bad of [{ ...op, extra: 1 }, { ...op, o: 'someoneelse' }, { ...op, v: '{"a":1}' }, { ...op, t: 'organisation; DROP TABLE contact' }, { ...op, f: 'name; DROP TABLE x' }]) {
      await expectRejected(write(withTrailer([lines[0]!, JSON.stringify(bad)])), /ugyldig ændring/);
    }
  });

  it('rejects garbage: not gzip, empty, random bytes', async () => {
    await expectRejected(write(Buffer.from('hej'), false), /ikke en Kredsbog/);
    await expectRejected(write(Buffer.alloc(0)), /tom|ufuldstændig/);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        const error = await asInstallation(b, () => importSync(b.app, write(Buffer.from(bytes)))).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'VALIDATION' });
      }),
      { numRuns: 100, seed: 99 },
    );
  });
});

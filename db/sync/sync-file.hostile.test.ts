import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/result';
import { readSyncFile, syncFileLimits, verifySyncFile, type ReadSyncFileOptions } from './sync-file';
import { asInstallation, digest, installation, syncTempDir, type TestInstallation } from './sync-testing';
import { importSync } from './sync.service';

/**
 * Files built to hurt: gzip bombs of many lines, one endless line, more lines
 * than the header counts, a well-formed file that inflates a thousandfold.
 * Each is refused with one Danish sentence while it is being read — in
 * seconds, with memory bounded by a chunk and two lines (plus, for valid
 * operations, those parsed until the refusal), and nothing changed.
 * The files are a few hundred kilobytes on disk: gzip members of a repeated
 * block, concatenated (one valid gzip stream to every reader).
 */

const me = 'hostile-sender';
const headerLine = (operations: number) =>
  JSON.stringify({
    format: 'kredsbog-sync',
    formatVersion: 1,
    minReaderVersion: 1,
    schemaVersion: 1,
    appVersion: 'test',
    installationId: me,
    installationName: 'Angriber',
    createdAt: '2026-01-01T00:00:00.000Z',
    clock: null,
    vector: {},
    counts: { operations },
  });
const opLine = JSON.stringify({ h: `${String(Date.UTC(2026, 0, 1)).padStart(16, '0')}-0000-${me}`, t: 'organisation', r: 'o1', f: 'name', v: '"Bombe A/S"', p: null, o: me });

let n = 0;
/** Writes `parts` as one gzip member each; a part may repeat (`times`) without being held more than once. */
function writeMembers(parts: readonly { readonly bytes: Buffer; readonly times?: number }[]): string {
  const file = path.join(syncTempDir, `hostile-${++n}.kredsbog`);
  const fd = fs.openSync(file, 'w');
  for (const { bytes, times = 1 } of parts) {
    const member = zlib.gzipSync(bytes, { level: 9 });
    for (let i = 0; i < times; i++) fs.writeSync(fd, member);
  }
  fs.closeSync(fd);
  return file;
}
const line = (text: string) => Buffer.from(`${text}\n`);
const repeat = (text: string, count: number) => Buffer.from(text.repeat(count));
const mib = 1024 * 1024;

/** The rejection, how long it took and how far the process's peak memory rose above where it was. */
async function measure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number; peakGrowthMb: number }> {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  let error: unknown = null;
  try {
    await work();
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - started;
  // maxRSS is the process's peak in KiB: measured against the current RSS, the rise can only be overstated.
  const peakGrowthMb = (process.resourceUsage().maxRSS * 1024 - before) / mib;
  return { error, ms, peakGrowthMb };
}

async function expectRefused(file: string, reason: RegExp, options: ReadSyncFileOptions = {}): Promise<void> {
  const { error, ms, peakGrowthMb } = await measure(() => readSyncFile(file, options));
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^Filen kan ikke importeres: [^\n]* Intet er ændret\.$/) });
  const message = (error as AppError).message;
  expect(message).toMatch(reason);
  // One sentence naming the reason: never the file's content.
  expect(message).not.toMatch(/Bombe|Angriber|xxxx|\{\}/);
  expect(ms).toBeLessThan(10_000);
  expect(peakGrowthMb).toBeLessThan(300);
}

let receiver: TestInstallation;
beforeAll(async () => {
  receiver = await installation('hostile-receiver');
});
afterAll(async () => {
  await receiver.app.close();
});

describe('hostile sync files', () => {
  it('refuses a 200-million-line gzip bomb of a few hundred kilobytes at its first line, changing nothing', async () => {
    // 200 MiB of newlines in about 200 KB: the file from the issue, which used to inflate whole and abort the process.
    const file = writeMembers([{ bytes: repeat('\n', mib), times: 200 }]);
    expect(fs.statSync(file).size).toBeLessThan(400 * 1024);
    const before = digest(receiver);
    const started = performance.now();
    const error = await asInstallation(receiver, () => importSync(receiver.app, file)).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'Filen kan ikke importeres: den indeholder en linje, der ikke er gyldig JSON. Intet er ændret.' });
    expect(digest(receiver)).toBe(before);
    expect(receiver.app.sqlite.prepare('SELECT count(*) AS n FROM sync_op').get()).toEqual({ n: 0 });
  });

  it('refuses the same bomb behind a valid header as soon as it has more lines than the header counts', async () => {
    const file = writeMembers([{ bytes: line(headerLine(1)) }, { bytes: line(opLine) }, { bytes: repeat('\n', mib), times: 200 }]);
    await expectRefused(file, /antallet af ændringer passer ikke/);
  });

  it('refuses 20 million lines behind a header that claims the most operations a file may hold, without keeping them', async () => {
    // 60 MB of "{}" lines inflate under the ratio check's grace: only the line count stops them, at line 10,000,002.
    const file = writeMembers([{ bytes: line(headerLine(syncFileLimits.maxOperations)) }, { bytes: repeat('{}\n', mib), times: 20 }]);
    await expectRefused(file, /antallet af ændringer passer ikke/);
  });

  it('refuses a header that counts more operations than a file may hold, before reading on', async () => {
    const file = writeMembers([{ bytes: line(headerLine(syncFileLimits.maxOperations + 1)) }, { bytes: repeat('\n', mib), times: 200 }]);
    await expectRefused(file, /flere ændringer, end Kredsbog kan importere/);
  });

  it('refuses an endless line when it passes the line limit, not when it ends', async () => {
    // 300 MiB without a newline after the header.
    const file = writeMembers([{ bytes: line(headerLine(1)) }, { bytes: repeat('x', mib), times: 300 }]);
    await expectRefused(file, /en linje er for lang/);
    // The same as the very first line.
    await expectRefused(writeMembers([{ bytes: repeat('x', mib), times: 300 }]), /en linje er for lang/);
  });

  it('refuses a well-formed file with a correct checksum that inflates a thousandfold, once 64 MiB are out', async () => {
    // Two million identical, schema-valid operations (≈ 300 MB) in ≈ 1 MB, with a true count and checksum.
    const count = 2_000_000;
    const block = repeat(`${opLine}\n`, 10_000);
    const head = line(headerLine(count));
    const hash = createHash('sha256').update(head);
    for (let i = 0; i < count / 10_000; i++) hash.update(block);
    const trailer = line(JSON.stringify({ trailer: true, count, sha256: hash.digest('hex') }));
    const file = writeMembers([{ bytes: head }, { bytes: block, times: count / 10_000 }, { bytes: trailer }]);
    expect(fs.statSync(file).size).toBeLessThan(2 * mib);
    await expectRefused(file, /mulig zip-bombe/);
    // With the ratio check lifted it is an honest (if silly) file: the checksum and count are true.
    expect(await verifySyncFile(file, { limits: { maxCompressionRatio: Number.POSITIVE_INFINITY } })).toMatchObject({ operations: count });
  });

  it('counts inflated bytes as they come out', async () => {
    const file = writeMembers([{ bytes: line(headerLine(syncFileLimits.maxOperations)) }, { bytes: repeat('{}\n', mib), times: 2 }]);
    await expectRefused(file, /fylder for meget, når den pakkes ud/, { limits: { maxUncompressedBytes: 4 * mib } });
  });

  it('refuses gzip members whose own checksum or length is wrong, and bytes after the last member', async () => {
    const head = line(headerLine(1));
    const body = Buffer.concat([head, line(opLine)]);
    const sha256 = createHash('sha256').update(body).digest('hex');
    const good = Buffer.concat([zlib.gzipSync(body), zlib.gzipSync(line(JSON.stringify({ trailer: true, count: 1, sha256 })))]);
    const file = path.join(syncTempDir, `hostile-${++n}.kredsbog`);
    fs.writeFileSync(file, good);
    expect((await readSyncFile(file)).operations).toHaveLength(1);
    const firstMemberEnd = zlib.gzipSync(body).length;
    for (const at of [firstMemberEnd - 8, firstMemberEnd - 1, good.length - 5]) {
      const damaged = Buffer.from(good);
      damaged[at] = damaged[at]! ^ 0x01;
      fs.writeFileSync(file, damaged);
      await expectRefused(file, /beskadiget/);
    }
    // Trailing bytes after the last member.
    fs.writeFileSync(file, Buffer.concat([good, Buffer.from([0, 0])]));
    await expectRefused(file, /beskadiget/);
  });
});

import fs from 'node:fs';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisation } from '../organisations/organisations.repository';
import { rematerializeTable } from './materialize';
import { digest, exportFrom, importInto, installation, syncTempDir, type TestInstallation } from './sync-testing';

/**
 * A newer app sends operations for a field this version does not have
 * (here: organisation.cvr). They are stored, re-exported unchanged and take
 * effect once a migration adds the column.
 */
let a: TestInstallation;
let b: TestInstallation;
let c: TestInstallation;
beforeEach(async () => {
  [a, b, c] = [await installation('va'), await installation('vb'), await installation('vc')];
});
afterEach(async () => {
  for (const who of [a, b, c]) await who.app.close();
});

function addFutureOperation(file: string, rowId: string): string {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
  const header = JSON.parse(lines[0]!) as { counts: { operations: number }; installationId: string };
  const ops = lines.slice(1, -1);
  const last = JSON.parse(ops.at(-1)!) as { h: string; o: string };
  const wall = String(Number(last.h.slice(0, 16)) + 1).padStart(16, '0');
  ops.push(JSON.stringify({ h: `${wall}-0000-${last.o}`, t: 'organisation', r: rowId, f: 'cvr', v: '"12345678"', p: null, o: last.o }));
  const body = [JSON.stringify({ ...header, counts: { operations: ops.length } }), ...ops].map((l) => `${l}\n`).join('');
  const sha256 = createHash('sha256').update(body).digest('hex');
  const out = path.join(syncTempDir, `future-${Date.now()}.kredsbog`);
  fs.writeFileSync(out, zlib.gzipSync(`${body}${JSON.stringify({ trailer: true, count: ops.length, sha256 })}\n`));
  return out;
}

describe('version skew', () => {
  it('stores operations for unknown fields, passes them on, and applies them after the upgrade', async () => {
    const org = await createOrganisation(a.app.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [] });
    const file = addFutureOperation(await exportFrom(a), org.id);
    const result = await importInto(b, file);
    expect(result.report.held).toBeGreaterThan(0);
    await importInto(c, await exportFrom(b));
    const relayed = c.app.sqlite.prepare(`SELECT value FROM sync_op WHERE field = 'cvr'`).all();
    expect(relayed).toEqual([{ value: '"12345678"' }]);

    c.app.sqlite.exec('ALTER TABLE organisation ADD COLUMN cvr TEXT');
    const changed = await c.app.db.transaction().execute((trx) => rematerializeTable(trx, 'organisation', c.app.sqlite));
    expect(changed).toBe(1);
    expect(c.app.sqlite.prepare('SELECT cvr FROM organisation WHERE id = ?').get(org.id)).toEqual({ cvr: '12345678' });
    expect(digest(b)).toBe(digest(a));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../contacts/contacts.repository';
import { createTestDatabase } from '../testing/test-database';
import { applyPlan } from './contacts.apply';
import { planImport, type ImportCandidate } from './contacts.plan';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const candidate = (rowNumber: number, name: string, emails: string[]): ImportCandidate => ({ rowNumber, name, emails, phones: [], notes: '', roles: [] });

describe('contact-file import, plan and apply stages', () => {
  it('plans new, updated and unchanged contacts without writing, and applies exactly the plan', async () => {
    await createContact(t.db, { name: 'Åse Kjærgård', emails: ['aase@koege.dk'], phones: [], notes: '' }, []);
    const candidates = [candidate(2, 'Åse Kjærgård', ['aase@koege.dk']), candidate(3, 'Bjørn Ålund', ['bjoern@kab.dk'])];
    const before = t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get();
    const plan = await planImport(t.db, candidates);
    expect(plan.counts).toMatchObject({ new: 1, unchanged: 1 });
    expect(t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get()).toBe(before);

    expect(await t.db.transaction().execute((trx) => applyPlan(trx, plan))).toEqual({ created: 1, updated: 0, organisationsCreated: 0 });
    expect((await planImport(t.db, candidates)).counts).toMatchObject({ new: 0, unchanged: 2 });
  });
});

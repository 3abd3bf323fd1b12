import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelOutput } from '../../common/contract';
import { databaseDigest } from '../../db/maintenance';
import { createTestDatabase } from '../../db/testing/test-database';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { handlers } from './index';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let dispatch: Dispatch;
beforeEach(async () => {
  t = await createTestDatabase();
  dispatch = createDispatcher(handlers, { app: t, host: 'browser', version: 'test' }, { checkOutput: true });
});
afterEach(() => t.dispose());

async function call<C extends Channel>(channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as ChannelOutput<C>;
}

describe('meeting handlers', () => {
  it('runs a series through propose → create → referat → close, all through the contract', async () => {
    const [aarhus] = await call('kommuner.list', { query: 'aarhus' });
    const member = await call('contacts.create', { name: 'Mette Medlem' });
    const series = await call('series.create', {
      title: 'Kommunesamarbejde Aarhus',
      kind: 'kommunesamarbejde',
      kommuneId: aarhus!.id,
      memberIds: [member.id],
      cadenceUnit: 'months',
      cadenceInterval: 3,
      agendaTemplate: ['Boligsocial anvisning'],
    });
    const proposal = await call('series.proposeNext', { id: series.id });
    const meeting = await call('meetings.create', { ...proposal, agenda: proposal.agenda });
    expect(meeting.agenda.map((a) => a.kind)).toEqual(['follow_up_review', 'normal']);
    expect(meeting.attendance.map((a) => a.contactName)).toEqual(['Mette Medlem']);
    const item = meeting.agenda[1]!;
    await call('agenda.update', { id: item.id, minutes: 'Kommunen redegjorde for ventelisten.', decision: 'Tages op igen i juni.' });
    await call('followUps.create', { title: 'Tal for anvisning', ownerContactId: member.id, dueDate: '2030-01-01', sourceMeetingId: meeting.id, sourceAgendaItemId: item.id });
    const closed = await call('meetings.close', { id: meeting.id });
    expect(closed).toMatchObject({ status: 'afholdt', followUps: [{ title: 'Tal for anvisning', ownerName: 'Mette Medlem', kommune: { name: 'Aarhus' } }] });
    expect(closed.agenda[1]).toMatchObject({ minutes: 'Kommunen redegjorde for ventelisten.', decision: 'Tages op igen i juni.' });
  });

  it('rejects a meeting that ends before it starts, in Danish, without writing', async () => {
    const before = databaseDigest(t.sqlite);
    const result = await dispatch('meetings.create', { title: 'X', startsAt: '2026-03-10T10:00:00Z', endsAt: '2026-03-10T09:00:00Z' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['endsAt'], message: 'validation.endBeforeStart' }] } });
    const bad = await dispatch('meetings.create', { title: 'X', startsAt: '10/3/2026' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['startsAt'], message: 'validation.dateTime' }] } });
    expect(databaseDigest(t.sqlite)).toBe(before);
  });

  it('changes the status of several follow-ups at once', async () => {
    const a = await call('followUps.create', { title: 'A', ownerIsMe: true });
    const b = await call('followUps.create', { title: 'B', ownerIsMe: true });
    const done = await call('followUps.setStatus', { ids: [a.id, b.id], status: 'udfoert' });
    expect(done.map((f) => f.status)).toEqual(['udfoert', 'udfoert']);
    expect(await dispatch('followUps.create', { title: 'C', ownerIsMe: true, ownerContactId: a.id })).toMatchObject({ ok: false, error: { issues: [{ message: 'validation.oneOwner' }] } });
  });
});

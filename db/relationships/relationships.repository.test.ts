import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { affiliationFieldsSchema, type AffiliationFields } from '../../common/domain';
import { contactLogInputSchema, type ContactLogInput } from '../../common/relationships.domain';
import { AppError } from '../../common/result';
import { createContactLog, deleteContactLog, listContactLogForContact, setKeepInTouch } from '../contact-log/contact-log.repository';
import { createContact } from '../contacts/contacts.repository';
import { getKommuneHub } from '../hub/kommune-hub.repository';
import { followUpFieldsSchema, seriesFieldsSchema } from '../../common/meetings.domain';
import { createFollowUp, setFollowUpStatus } from '../follow-ups/follow-ups.repository';
import { timelinePage } from '../hub/timeline.repository';
import { createSeries } from '../meetings/series.repository';
import { derivedId } from '../ids';
import { createMeeting, saveAgendaText, setAttendance } from '../meetings/meetings.repository';
import { createOrganisation } from '../organisations/organisations.repository';
import { search } from '../search/search.repository';
import { createTestDatabase } from '../testing/test-database';
import { lastContactForContact, lastContactForKommune, lastContactForOrganisation } from './last-contact';
import { keyPeople, relationshipHealth } from './relationships.repository';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const now = new Date('2026-11-23T10:00:00Z');
const koege = derivedId('kommune', 259);
const odense = derivedId('kommune', 461);

const person = async (name: string, roles: AffiliationFields[] = []) => (await createContact(t.db, { name, emails: [], phones: [], notes: '' }, roles.map((r) => affiliationFieldsSchema.parse(r)))).id;
const log = (input: ContactLogInput) => createContactLog(t.db, contactLogInputSchema.parse(input), now);
const meeting = async (startsAt: string, status: 'planlagt' | 'afholdt' | 'aflyst', kommuneId: string | null = koege) =>
  (await createMeeting(t.db, { seriesId: null, kommuneId, title: `Møde ${startsAt.slice(0, 10)}`, startsAt, endsAt: null, place: 'Rådhuset', status, notes: '', inviteeIds: [], agenda: [] })).id;

describe('the kontaktlog', () => {
  it('logs a call with two people, infers the kommune from the first one’s current role, and makes the follow-up with it', async () => {
    const mette = await person('Mette Ørsted', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    const jens = await person('Jens Aagaard');
    const entry = await log({ date: '2026-11-20', kind: 'telefon', note: 'Om anvisningsaftalen', contactIds: [mette, jens, mette], followUp: { title: 'Send udkast', dueDate: '2026-12-01' } });
    expect(entry).toMatchObject({ date: '2026-11-20', kind: 'telefon', note: 'Om anvisningsaftalen', kommune: { id: koege, name: 'Køge' }, organisation: null });
    expect(entry.contacts.map((c) => c.name)).toEqual(['Jens Aagaard', 'Mette Ørsted']);
    const followUp = await t.db.selectFrom('follow_up').selectAll().where('id', '=', entry.followUpId!).executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ title: 'Send udkast', owner_is_me: 1, due_date: '2026-12-01', kommune_id: koege, details: 'Om anvisningsaftalen' });
    // The link rows have ids derived from the pair, like attendance.
    const links = await t.db.selectFrom('contact_log_contact').select('id').where('log_id', '=', entry.id).execute();
    expect(links.map((l) => l.id).sort()).toEqual([derivedId('contact_log_contact', entry.id, mette), derivedId('contact_log_contact', entry.id, jens)].sort());
    // Every write went through the operation log.
    const ops = await t.db.selectFrom('sync_op').select(['tbl', 'field']).where('row_id', '=', entry.id).execute();
    expect(ops.map((o) => o.field).sort()).toEqual(['date', 'deleted_at', 'follow_up_id', 'kind', 'kommune_id', 'note', 'organisation_id']);
    expect((await listContactLogForContact(t.db, jens)).map((e) => e.id)).toEqual([entry.id]);
  });

  it('refuses an unknown or erased person, and an empty list of people, with a Danish message and writes nothing', async () => {
    await expect(log({ date: '2026-11-20', kind: 'mail', contactIds: [derivedId('x', 1)] })).rejects.toThrow(AppError);
    expect(() => contactLogInputSchema.parse({ date: '2026-11-20', kind: 'mail', contactIds: [] })).toThrow();
    expect(() => contactLogInputSchema.parse({ date: '2026-13-40', kind: 'mail', contactIds: [derivedId('x', 1)] })).toThrow();
    expect(() => contactLogInputSchema.parse({ date: '2026-11-20', kind: 'brev', contactIds: [derivedId('x', 1)] })).toThrow();
    expect(await t.db.selectFrom('contact_log').select('id').execute()).toEqual([]);
  });

  it('is found by search, and a deleted entry no longer is', async () => {
    const mette = await person('Mette Ørsted');
    const entry = await log({ date: '2026-11-20', kind: 'moede', note: 'Tilfældigt møde om Ærøs boligsociale indsats', contactIds: [mette] });
    const hits = (await search(t.db, 'aeros indsats')).hits.filter((h) => h.kind === 'contact_log');
    expect(hits.map((h) => h.id)).toEqual([entry.id]);
    expect(hits[0]!.context).toContain('Mette Ørsted');
    await deleteContactLog(t.db, entry.id);
    expect((await search(t.db, 'aeros indsats')).hits.filter((h) => h.kind === 'contact_log')).toEqual([]);
  });
});

describe('sidst i kontakt', () => {
  it('is the later of an attended meeting and a logged contact; afbud, aflyst and future meetings do not count', async () => {
    const mette = await person('Mette Ørsted', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    expect(await lastContactForContact(t.db, mette, now)).toBeNull();
    const held = await meeting('2026-05-04T08:00:00.000Z', 'afholdt');
    await setAttendance(t.db, held, mette, 'deltog', null);
    const afbud = await meeting('2026-09-01T08:00:00.000Z', 'afholdt');
    await setAttendance(t.db, afbud, mette, 'afbud', null);
    const cancelled = await meeting('2026-10-01T08:00:00.000Z', 'aflyst');
    await setAttendance(t.db, cancelled, mette, 'deltog', null);
    const future = await meeting('2026-12-01T08:00:00.000Z', 'planlagt');
    await setAttendance(t.db, future, mette, 'deltog', null);
    expect(await lastContactForContact(t.db, mette, now)).toBe('2026-05-04');
    await log({ date: '2026-08-12', kind: 'telefon', contactIds: [mette], kommuneId: null });
    expect(await lastContactForContact(t.db, mette, now)).toBe('2026-08-12');
    // The kommune: its latest meeting that took place (the afbud one, 1 September) or logged contact.
    expect(await lastContactForKommune(t.db, koege, now)).toBe('2026-09-01');
    expect(await lastContactForKommune(t.db, odense, now)).toBeNull();
  });

  it('of an organisation is its own logged contacts and those of the people who hold a role there today', async () => {
    const org = (await createOrganisation(t.db, { name: 'KAB', kind: 'boligorganisation', notes: '', kommuneIds: [koege] })).id;
    const formand = await person('Ole Formand', [{ organisationId: org, title: 'Organisationsbestyrelsesformand', kind: 'boligorganisation', fromDate: '2020-01-01' }]);
    const former = await person('Tidl. Direktør', [{ organisationId: org, title: 'Direktør', kind: 'boligorganisation', fromDate: '2010-01-01', toDate: '2019-12-31' }]);
    await log({ date: '2026-10-01', kind: 'telefon', contactIds: [former], organisationId: org });
    await log({ date: '2026-11-01', kind: 'mail', contactIds: [former], kommuneId: odense });
    expect(await lastContactForOrganisation(t.db, org, now)).toBe('2026-10-01');
    await log({ date: '2026-11-10', kind: 'mail', contactIds: [formand], kommuneId: odense });
    expect(await lastContactForOrganisation(t.db, org, now)).toBe('2026-11-10');
  });
});

describe('key people and overdue for contact', () => {
  it('lists the kommune’s and its organisations’ key roles with last contact, interval and who held the role before', async () => {
    const org = (await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '' , kommuneIds: [koege] })).id;
    await person('Gammel Borgmester', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2022-01-01', toDate: '2025-12-31' }]);
    const ny = await person('Ny Borgmester', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    await person('Vice', [{ kommuneId: koege, title: 'Viceborgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    await person('Udvalg', [{ kommuneId: koege, title: 'Formand for Social- og Sundhedsudvalget', kind: 'politiker', fromDate: '2026-01-01' }]);
    await person('Direktøren', [{ kommuneId: koege, title: 'Kommunaldirektør', kind: 'embedsmand', fromDate: '2015-01-01' }]);
    await person('Boligformand', [{ organisationId: org, title: 'Organisationsbestyrelsesformand', kind: 'boligorganisation', fromDate: '2015-01-01' }]);
    await person('Afdelingsformand', [{ organisationId: org, title: 'Afdelingsbestyrelsesformand', kind: 'beboerdemokrat', fromDate: '2015-01-01' }]);
    await log({ date: '2026-10-01', kind: 'telefon', contactIds: [ny] });

    const people = await keyPeople(t.db, { kommuneId: koege }, now);
    expect(people.map((p) => [p.keyRole, p.contactName])).toEqual([
      ['borgmester', 'Ny Borgmester'],
      ['udvalgsformand', 'Udvalg'],
      ['kommunaldirektoer', 'Direktøren'],
      ['formand', 'Boligformand'],
    ]);
    expect(people[0]).toMatchObject({ lastContact: '2026-10-01', intervalMonths: 3, overdue: false, previous: { contactName: 'Gammel Borgmester', toDate: '2025-12-31' } });
    expect(people[1]).toMatchObject({ lastContact: null, intervalMonths: 6, overdue: true, previous: null });
    expect(people[3]!.place).toEqual({ kind: 'organisation', id: org, name: 'Køge Boligselskab' });
  });

  it('lists people in scope overdue for their interval (role, else person, else default), never contacted first; quiet kommuner; the new council without contact', async () => {
    const borgmester = await person('Borgmester Køge', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    const planchef = await person('Planchef Køge', [{ kommuneId: koege, title: 'Planchef', kind: 'embedsmand', fromDate: '2020-01-01' }]);
    const direktoer = await person('Direktør Køge', [{ kommuneId: koege, title: 'Direktør for Social og Beskæftigelse', kind: 'embedsmand', fromDate: '2020-01-01' }]);
    await person('Borgmester Odense', [{ kommuneId: odense, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    await log({ date: '2026-07-01', kind: 'telefon', contactIds: [direktoer] });
    await log({ date: '2026-07-01', kind: 'telefon', contactIds: [planchef] });

    let health = await relationshipHealth(t.db, { kommuneIds: [koege], months: 6, limit: 20, now });
    // The direktør was called 1 July: within 6 months. The planchef is no key role and has no interval.
    expect(health.overduePeople.map((p) => p.contactName)).toEqual(['Borgmester Køge']);
    expect(health.newCouncil?.people.map((p) => p.contactName)).toEqual(['Borgmester Køge']);
    expect(health.overdueKommuner).toEqual([]);

    // "Hold kontakten": every 3 months for the planchef (on the person), every 2 for the direktør's role.
    await setKeepInTouch(t.db, { contactId: planchef }, 3);
    const role = await t.db.selectFrom('affiliation').select('id').where('contact_id', '=', direktoer).executeTakeFirstOrThrow();
    await setKeepInTouch(t.db, { roleId: role.id }, 2);
    await log({ date: '2026-11-01', kind: 'moede', contactIds: [borgmester] });
    health = await relationshipHealth(t.db, { kommuneIds: [koege], months: 6, limit: 20, now });
    expect(health.overduePeople.map((p) => [p.contactName, p.intervalMonths, p.lastContact])).toEqual([
      ['Direktør Køge', 2, '2026-07-01'],
      ['Planchef Køge', 3, '2026-07-01'],
    ]);
    expect(health.newCouncil?.people).toEqual([]);

    // All of Denmark (the CLI): Odense's borgmester too, and Odense as a kommune without any contact.
    health = await relationshipHealth(t.db, { kommuneIds: null, months: 6, limit: 20, now });
    expect(health.overduePeople.map((p) => p.contactName)).toEqual(['Borgmester Odense', 'Direktør Køge', 'Planchef Køge']);
    expect(health.overdueKommuner.some((k) => k.navn === 'Odense')).toBe(true);
    expect(health.overdueKommuner.some((k) => k.navn === 'Køge')).toBe(false);
    expect(await relationshipHealth(t.db, { kommuneIds: [], months: 6, limit: 20, now })).toMatchObject({ overduePeople: [], overdueKommuner: [] });
  });
});

describe('the kommune hub and its timeline', () => {
  it('answers what is coming, what is open and who matters for Køge', async () => {
    const ny = await person('Ny Borgmester', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    await meeting('2026-12-02T09:00:00.000Z', 'planlagt');
    await meeting('2026-12-03T09:00:00.000Z', 'aflyst');
    await log({ date: '2026-11-20', kind: 'telefon', contactIds: [ny], followUp: { title: 'Ring tilbage', dueDate: '2026-11-21' } });
    const hub = await getKommuneHub(t.db, koege, now);
    expect(hub.kommune).toMatchObject({ navn: 'Køge', kode: 259 });
    expect(hub.lastContact).toBe('2026-11-20');
    expect(hub.nowAndNext.upcomingMeetings.map((m) => m.startsAt)).toEqual(['2026-12-02T09:00:00.000Z']);
    expect(hub.nowAndNext).toMatchObject({ openCount: 1, overdueCount: 1 });
    expect(hub.nowAndNext.openFollowUps.map((f) => f.title)).toEqual(['Ring tilbage']);
    expect(hub.keyPeople.map((p) => p.contactName)).toEqual(['Ny Borgmester']);
    // The follow-up made with the call is on the timeline (made outside a meeting), as is the call.
    const followUps = await timelinePage(t.db, { kommuneId: koege }, { kinds: ['follow_up', 'contact_log'], now });
    expect(followUps.events.map((e) => [e.kind, e.title])).toEqual(expect.arrayContaining([['follow_up', 'Ring tilbage'], ['contact_log', '']]));
    await expect(getKommuneHub(t.db, derivedId('x', 2), now)).rejects.toThrow(AppError);
  });

  it('pages every kind newest first by keyset, without repeats or gaps, and filters by kind and year', async () => {
    const ny = await person('Ny Borgmester', [{ kommuneId: koege, title: 'Borgmester', kind: 'politiker', fromDate: '2026-01-01' }]);
    for (let month = 1; month <= 9; month++) await meeting(`2025-0${month}-10T08:00:00.000Z`, 'afholdt');
    for (let day = 10; day <= 14; day++) await log({ date: `2026-03-${day}`, kind: 'mail', note: `Mail ${day}`, contactIds: [ny] });
    await log({ date: '2026-03-12', kind: 'telefon', note: 'Samme dag', contactIds: [ny] });

    const all: string[] = [];
    let after = null;
    for (let guard = 0; guard < 20; guard++) {
      const page: Awaited<ReturnType<typeof timelinePage>> = await timelinePage(t.db, { kommuneId: koege }, { after, limit: 4, now });
      all.push(...page.events.map((e) => e.key));
      if (!page.next) break;
      after = page.next;
    }
    const whole = (await timelinePage(t.db, { kommuneId: koege }, { limit: 200, now })).events;
    expect(all).toEqual(whole.map((e) => e.key));
    expect(new Set(all).size).toBe(all.length);
    // 9 meetings, 6 logged contacts, 1 role started.
    expect(whole.map((e) => e.kind).sort()).toEqual([...Array(6).fill('contact_log'), ...Array(9).fill('meeting'), 'role']);
    expect(whole.map((e) => e.at)).toEqual([...whole.map((e) => e.at)].sort().reverse());
    expect(whole.find((e) => e.kind === 'role')).toMatchObject({ what: 'started', title: 'Ny Borgmester', detail: 'Borgmester, Køge Kommune' });

    const meetings2025 = await timelinePage(t.db, { kommuneId: koege }, { kinds: ['meeting'], year: 2025, limit: 50, now });
    expect(meetings2025.events).toHaveLength(9);
    expect(meetings2025.next).toBeNull();
    expect((await timelinePage(t.db, { kommuneId: koege }, { kinds: ['contact_log'], year: 2025, now })).events).toEqual([]);
    const personal = await timelinePage(t.db, { contactId: ny }, { kinds: ['contact_log'], now });
    expect(personal.events.map((e) => e.title).filter((title) => title.startsWith('Mail'))).toEqual(['Mail 14', 'Mail 13', 'Mail 12', 'Mail 11', 'Mail 10']);
    expect(personal.events).toHaveLength(6);
  });

  it('shows a follow-up’s later status changes from the operation log on the kommune’s and the owner’s timelines, not its first status', async () => {
    const owner = await person('Ejer Ærlig', [{ kommuneId: koege, title: 'Boligchef', kind: 'embedsmand', fromDate: '2024-01-01' }]);
    const made = await createFollowUp(t.db, followUpFieldsSchema.parse({ title: 'Afklar venteliste', kommuneId: koege, ownerContactId: owner }));
    // No file has carried these yet (no sync): a status change still stays an event of its own.
    await setFollowUpStatus(t.db, [made.id], 'i_gang');
    await setFollowUpStatus(t.db, [made.id], 'udfoert');
    const later = new Date(Date.now() + 60_000);
    for (const scope of [{ kommuneId: koege }, { contactId: owner }]) {
      const events = (await timelinePage(t.db, scope, { kinds: ['follow_up'], now: later })).events;
      expect(events.filter((e) => e.what === 'changed').map((e) => [e.title, e.detail])).toEqual([
        ['Afklar venteliste', 'udfoert'],
        ['Afklar venteliste', 'i_gang'],
      ]);
      expect(events.filter((e) => e.what !== 'changed').map((e) => e.title)).toEqual(['Afklar venteliste']);
    }
    expect((await timelinePage(t.db, { kommuneId: odense }, { kinds: ['follow_up'], now: later })).events).toEqual([]);
  });

  it('gives an organisation the decisions and follow-ups of its series’ meetings', async () => {
    const organisation = await createOrganisation(t.db, { name: 'Køge Boligselskab', kind: 'boligorganisation', notes: '', kommuneIds: [koege] });
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Styringsdialog Køge Boligselskab', kind: 'styringsdialog', kommuneId: koege, organisationIds: [organisation.id] }));
    const held = await createMeeting(t.db, {
      seriesId: series.id, kommuneId: koege, title: 'Dialogmøde 2026', startsAt: '2026-10-01T08:00:00.000Z', endsAt: null, place: 'Rådhuset', status: 'afholdt', notes: '', inviteeIds: [],
      agenda: [{ title: 'Udlejning', kind: 'normal', description: '', presenter: '', plannedMinutes: null }],
    });
    await saveAgendaText(t.db, held.agenda[0]!.id, { decision: 'Fleksibel udlejning fortsætter' });
    await createFollowUp(t.db, followUpFieldsSchema.parse({ title: 'Send bilag', sourceMeetingId: held.id }));
    await createFollowUp(t.db, followUpFieldsSchema.parse({ title: 'Ikke fra organisationens møder', kommuneId: koege }));
    const events = (await timelinePage(t.db, { organisationId: organisation.id }, { now })).events;
    expect(events.map((e) => [e.kind, e.title])).toEqual(
      expect.arrayContaining([
        ['meeting', 'Dialogmøde 2026'],
        ['decision', 'Udlejning'],
        ['follow_up', 'Send bilag'],
      ]),
    );
    expect(events.map((e) => e.title)).not.toContain('Ikke fra organisationens møder');
    expect(events.find((e) => e.kind === 'decision')?.detail).toBe('Fleksibel udlejning fortsætter');
  });
});

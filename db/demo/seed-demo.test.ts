import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDanishWorkingDay } from '../../common/danish-holidays';
import { danishDate } from '../../common/time';
import { getDashboardStyringsdialog } from '../dashboard/dashboard.repository';
import { getMeeting, listMeetings } from '../meetings/meetings.repository';
import { checkDatabase, collectStats, databaseDigest } from '../maintenance';
import { createTestDatabase } from '../testing/test-database';
import { styringsdialogBoard } from '../styringsdialog/styringsdialog.repository';
import { seedDemo } from './seed-demo';

let a: Awaited<ReturnType<typeof createTestDatabase>>;
let b: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
});
afterEach(async () => {
  await a.dispose();
  await b.dispose();
});

describe('seed-demo', () => {
  it('creates the volumes of its scale with intact references', async () => {
    const summary = await seedDemo(a.db, { scale: 0.1, seed: 1 });
    const stats = collectStats(a.sqlite);
    expect(stats).toMatchObject({ organisations: 10, contacts: 200, meetings: summary.meetings, agendaItems: summary.meetings * 10, followUps: summary.followUps });
    expect(summary.meetings).toBeGreaterThanOrEqual(250);
    expect(summary.followUps).toBeGreaterThan(800);
    expect(checkDatabase(a.sqlite).ok).toBe(true);
    const twins = a.sqlite.prepare('SELECT ok.kommune_id, o.name FROM organisation o JOIN organisation_kommune ok ON ok.organisation_id = o.id GROUP BY ok.kommune_id, o.name HAVING count(*) > 1').all();
    expect(twins).toEqual([]);
  }, 30_000);

  it('is deterministic: the same seed gives the same digest, another seed does not', async () => {
    await seedDemo(a.db, { scale: 0.05, seed: 42 });
    await seedDemo(b.db, { scale: 0.05, seed: 42 });
    expect(databaseDigest(a.sqlite)).toBe(databaseDigest(b.sqlite));
    await seedDemo(b.db, { scale: 0.05, seed: 43 });
    expect(databaseDigest(a.sqlite)).not.toBe(databaseDigest(b.sqlite));
  }, 30_000);

  it('writes realistic meetings: held ones have Danish minutes, decisions and follow-ups in every status', async () => {
    await seedDemo(a.db, { scale: 0.1, seed: 3 });
    const held = await listMeetings(a.db, { status: 'afholdt', to: '2026-01-01T00:00:00Z', limit: 5 });
    const meeting = await getMeeting(a.db, held.at(-1)!.id);
    expect(meeting.agenda).toHaveLength(10);
    expect(meeting.agenda.slice(1).every((item) => item.minutes.length > 0 && item.decision.length > 0)).toBe(true);
    const statuses = a.sqlite.prepare('SELECT DISTINCT status FROM follow_up ORDER BY status').all().map((r) => (r as { status: string }).status);
    expect(statuses).toEqual(['aaben', 'annulleret', 'i_gang', 'udfoert']);
    const kinds = a.sqlite.prepare('SELECT DISTINCT kind FROM meeting_series ORDER BY kind').all().map((r) => (r as { kind: string }).kind);
    expect(kinds).toEqual(['andet', 'helhedsplan', 'kommunesamarbejde', 'netvaerk', 'styringsdialog', 'valgmoede']);
    const politicians = a.sqlite.prepare(`SELECT count(*) AS n FROM affiliation WHERE kind = 'politiker' AND from_date IS NOT NULL`).get() as { n: number };
    expect(politicians.n).toBeGreaterThan(0);
    const styringsdialog = await getDashboardStyringsdialog(a.db, { myKredse: [], now: new Date('2026-11-25T12:00:00Z') });
    expect(styringsdialog.rows.length).toBeGreaterThan(0);
  }, 30_000);

  it('gives each byråd one borgmester per valgperiode and each organisation one current direktør', async () => {
    await seedDemo(a.db, { scale: 0.3, seed: 2 });
    const twice = (where: string, scope: string) =>
      a.sqlite.prepare(`SELECT ${scope}, title, from_date FROM affiliation WHERE deleted_at IS NULL AND ${where} GROUP BY ${scope}, title, from_date HAVING count(*) > 1`).all();
    const borgmestre = a.sqlite.prepare(`SELECT count(*) FROM affiliation WHERE title = 'Borgmester'`).pluck().get() as number;
    expect(borgmestre).toBeGreaterThan(5);
    expect(twice(`kind = 'politiker' AND title IN ('Borgmester', 'Formand for Social- og Sundhedsudvalget')`, 'kommune_id')).toEqual([]);
    const currentDirectors = a.sqlite
      .prepare(`SELECT organisation_id FROM affiliation WHERE deleted_at IS NULL AND title = 'Direktør' AND to_date IS NULL GROUP BY organisation_id HAVING count(*) > 1`)
      .all();
    expect(currentDirectors).toEqual([]);
    const currentKommunaldirektoerer = a.sqlite
      .prepare(`SELECT kommune_id FROM affiliation WHERE deleted_at IS NULL AND title = 'Kommunaldirektør' AND to_date IS NULL GROUP BY kommune_id HAVING count(*) > 1`)
      .all();
    expect(currentKommunaldirektoerer).toEqual([]);
    // Nobody holds two posts in one byråd in the same valgperiode (a borgmester is not also an udvalgsformand there).
    const twoPostsAtOnce = a.sqlite
      .prepare(`SELECT contact_id FROM affiliation WHERE deleted_at IS NULL AND kind = 'politiker' GROUP BY contact_id, kommune_id, from_date HAVING count(*) > 1`)
      .all();
    expect(twoPostsAtOnce).toEqual([]);
  }, 30_000);

  it('records styringsdialog cycles: earlier years mostly complete, this year held, planned and not started', async () => {
    await seedDemo(a.db, { scale: 0.1, seed: 5 });
    const earlier = await styringsdialogBoard(a.db, { year: 2025 }, '2026-11-23');
    const recorded = earlier.filter((c) => c.stored);
    expect(recorded.filter((c) => c.stage === 'afsluttet').length).toBeGreaterThan(recorded.length / 2);
    expect(recorded.some((c) => c.aftale !== null)).toBe(true);
    const thisYear = await styringsdialogBoard(a.db, { year: 2026 }, '2026-11-23');
    const stages = new Set(thisYear.map((c) => c.stage));
    expect(stages.has('ikke_startet')).toBe(true);
    expect([...stages].some((s) => s !== 'ikke_startet' && s !== 'afsluttet')).toBe(true);
    expect(thisYear.some((c) => c.late.length > 0)).toBe(true);
  }, 30_000);

  it('refuses to seed the same seed twice into one database', async () => {
    await seedDemo(a.db, { scale: 0.02, seed: 9 });
    const before = databaseDigest(a.sqlite);
    await expect(seedDemo(a.db, { scale: 0.02, seed: 9 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(databaseDigest(a.sqlite)).toBe(before);
  });

  it('puts every meeting on a Danish working day: no Sunday, Saturday, helligdag or juleaften', async () => {
    await seedDemo(a.db, { scale: 0.2, seed: 5 });
    const starts = a.sqlite.prepare('SELECT starts_at FROM meeting').all().map((r) => danishDate((r as { starts_at: string }).starts_at));
    expect(starts.length).toBeGreaterThan(400);
    expect(starts.filter((d) => !isDanishWorkingDay(d))).toEqual([]);
  }, 30_000);

  it('gives every meeting ten agenda items with distinct titles and "Eventuelt" last', async () => {
    await seedDemo(a.db, { scale: 0.1, seed: 6 });
    const rows = a.sqlite.prepare('SELECT meeting_id, title FROM agenda_item WHERE deleted_at IS NULL ORDER BY meeting_id, position').all() as { meeting_id: string; title: string }[];
    const byMeeting = new Map<string, string[]>();
    for (const r of rows) byMeeting.set(r.meeting_id, [...(byMeeting.get(r.meeting_id) ?? []), r.title]);
    expect(byMeeting.size).toBeGreaterThan(200);
    for (const titles of byMeeting.values()) {
      expect(titles).toHaveLength(10);
      expect(new Set(titles).size).toBe(10);
      expect(titles.at(-1)).toBe('Eventuelt');
    }
  }, 30_000);

  it('leaves a realistic few follow-ups overdue and open: a few dozen per 10,000, not hundreds', async () => {
    const summary = await seedDemo(a.db, { scale: 0.3, seed: 7 });
    const { n } = a.sqlite.prepare(`SELECT count(*) AS n FROM follow_up WHERE deleted_at IS NULL AND status IN ('aaben', 'i_gang') AND due_date < '2026-11-23'`).get() as { n: number };
    // 20–60 overdue at scale 1 (≈ 9,500 follow-ups) is 0.2–0.6 %; a seed can land a little either side.
    expect(n).toBeGreaterThan(summary.followUps * 0.001);
    expect(n).toBeLessThan(summary.followUps * 0.008);
    const open = a.sqlite.prepare(`SELECT count(*) AS n FROM follow_up WHERE status IN ('aaben', 'i_gang') AND due_date >= '2026-11-23'`).get() as { n: number };
    expect(open.n).toBeGreaterThan(0);
  }, 60_000);
});

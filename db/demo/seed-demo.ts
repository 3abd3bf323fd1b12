import { generateKeyBetween } from 'fractional-indexing';
import type { DemoContext } from './demo-context';
import type { Kysely, Transaction } from 'kysely';
import type { AffiliationKind, FollowUpStatus, MeetingSeriesKind, MeetingStatus } from '../../common/domain';
import { AppError } from '../../common/result';
import { nextDanishWorkingDay } from '../../common/danish-holidays';
import { seededRandomSource, type SeededRandom } from '../../common/seeded-random';
import { seedStyringsdialog } from './styringsdialog.demo';
import { addDanishDays, danishInstant } from '../../common/time';
import { derivedId } from '../ids';
import { createRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import { seedBoligomraader } from './boligomraader.demo';
import { seedHelhedsplaner } from './helhedsplaner.demo';
import { contactLogNotes, decisions, firstNames, followUpTitles, lastNames, minutesSentences, nationalOrganisations, organisationPatterns, places, topics } from './demo-text';

/**
 * Deterministic, realistic demo data (issue 3): organisations in their
 * kommuner, contacts with dated roles (politicians with election terms),
 * series of every kind, meetings with agendas, Danish minutes and decisions,
 * attendance and follow-ups in every status. Every row goes through
 * db/mutations.ts (the one write path), batched in transactions.
 * Ids and stamps are derived from the seed, so the same seed gives the same digest.
 * Scale 1 ≈ one consultant over five years.
 */
export interface SeedOptions {
  readonly scale: number;
  readonly seed: number;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export interface SeedSummary {
  readonly organisations: number;
  readonly contacts: number;
  readonly series: number;
  readonly meetings: number;
  readonly agendaItems: number;
  readonly followUps: number;
  readonly aftaler: number;
}

type Random = SeededRandom;

/**
 * Ten agenda titles, none twice: "Opfølgning fra sidste møde" first where the
 * series reviews follow-ups, "Eventuelt" always last, topics in between drawn
 * without replacement.
 */
function agendaTitles(review: boolean, rng: Random): string[] {
  const pool = [...topics];
  const drawn: string[] = [];
  while (drawn.length < (review ? 8 : 9)) drawn.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!);
  return [...(review ? ['Opfølgning fra sidste møde'] : []), ...drawn, 'Eventuelt'];
}

/**
 * A follow-up's status on the seed's "today". A consultant with ≈ 9,500
 * follow-ups over five years has a few dozen overdue open ones, not hundreds:
 * almost everything whose deadline passed is done (or dropped); of those due
 * in the last six weeks some are still being worked on; one in a few hundred
 * older ones lingers forgotten. Of those not yet due, half are done already
 * ("send referatet" rarely waits for its deadline), so the count of overdue ones
 * grows only slowly as the real date moves past the seed's fixed today.
 */
function followUpState(due: string, today: string, rng: Random): FollowUpStatus {
  const roll = rng.next();
  if (due >= today) return roll < 0.5 ? 'udfoert' : roll < 0.85 ? 'aaben' : 'i_gang';
  const lingers = roll < (due >= addDanishDays(today, -45) ? 0.07 : 0.0012);
  if (lingers) return rng.chance(0.7) ? 'aaben' : 'i_gang';
  return rng.chance(0.9) ? 'udfoert' : 'annulleret';
}

const terms = [
  { from: '2018-01-01', to: '2021-12-31' },
  { from: '2022-01-01', to: '2025-12-31' },
  { from: '2026-01-01', to: null },
] as const;
const politicalTitles = ['Borgmester', 'Formand for Social- og Sundhedsudvalget', 'Formand for Teknik- og Miljøudvalget', 'Byrådsmedlem', 'Formand for Børne- og Ungeudvalget'];
const officialTitles = ['Kommunaldirektør', 'Direktør for Social og Beskæftigelse', 'Chef for Boligsocial Enhed', 'Planchef', 'Boligsocial medarbejder', 'Afdelingsleder, Myndighed'];
const organisationTitles = ['Direktør', 'Forretningsfører', 'Organisationsbestyrelsesformand', 'Boligsocial medarbejder', 'Udlejningschef'];
const tenantTitles = ['Afdelingsbestyrelsesformand', 'Beboerrepræsentant'];
/**
 * Posts one person holds at a time in a kommune or an organisation (one borgmester per byråd and
 * valgperiode, one kommunaldirektør, one direktør), and the shared title a second pick falls back to.
 * If you add a title above, decide here whether it is a single post.
 */
const singlePostFallback: Readonly<Record<string, string>> = {
  Borgmester: 'Byrådsmedlem',
  'Formand for Social- og Sundhedsudvalget': 'Byrådsmedlem',
  'Formand for Teknik- og Miljøudvalget': 'Byrådsmedlem',
  'Formand for Børne- og Ungeudvalget': 'Byrådsmedlem',
  Kommunaldirektør: 'Afdelingsleder, Myndighed',
  'Direktør for Social og Beskæftigelse': 'Afdelingsleder, Myndighed',
  'Chef for Boligsocial Enhed': 'Boligsocial medarbejder',
  Planchef: 'Afdelingsleder, Myndighed',
  Direktør: 'Boligsocial medarbejder',
  Forretningsfører: 'Boligsocial medarbejder',
  Organisationsbestyrelsesformand: 'Boligsocial medarbejder',
  Udlejningschef: 'Boligsocial medarbejder',
};

export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<SeedSummary> {
  const { scale, seed } = options;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new AppError('VALIDATION', 'Skala skal være et tal mellem 0 og 100.');
  const rng = seededRandomSource(seed);
  const id = (kind: string, ...parts: (string | number)[]) => derivedId('demo', seed, kind, ...parts);
  if (await db.selectFrom('organisation').select('id').where('id', '=', id('organisation', 0)).executeTakeFirst()) {
    throw new AppError('CONFLICT', `Der findes allerede demodata med seed ${seed} i databasen.`);
  }
  let tick = 0;
  // Deterministic stamps: a fixed base plus one millisecond per row.
  const now = () => new Date(Date.UTC(2026, 10, 1) + tick++).toISOString();
  const progress = options.onProgress ?? (() => undefined);

  const kommuner = await db.selectFrom('kommune').select(['id', 'navn']).orderBy('kode').execute();
  const inScope = kommuner.filter((_, i) => i % Math.max(1, Math.round(98 / Math.min(98, 20 * scale))) === 0).slice(0, Math.min(98, Math.ceil(20 * scale)));
  // Køge is the kommune the README, the hub's end-to-end spec and issue 16 open: from five kommuner on, it takes the
  // place of its neighbour in kode order (same number of kommuner and random draws, so the data keeps its shape).
  const koege = kommuner.find((k) => k.id === derivedId('kommune', 259));
  if (koege && inScope.length >= 5 && !inScope.includes(koege)) {
    const koegeIndex = kommuner.indexOf(koege);
    const nearest = inScope.reduce((best, k) => (Math.abs(kommuner.indexOf(k) - koegeIndex) < Math.abs(kommuner.indexOf(best) - koegeIndex) ? k : best));
    inScope.splice(inScope.indexOf(nearest), 1, koege);
  }

  // --- organisations and contacts --------------------------------------------------------------
  const organisationCount = Math.round(100 * scale);
  const organisations: { id: string; kommuneIds: string[] }[] = [];
  const contactCount = Math.round(2000 * scale);
  const contactsByKommune = new Map<string, string[]>();
  const usedNames = new Set<string>();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < organisationCount; i++) {
      const national = i < nationalOrganisations.length * Math.max(1, Math.floor(scale));
      const home = inScope[i % inScope.length]!;
      const kommuneIds = national ? [...new Set(Array.from({ length: rng.int(2, 5) }, () => rng.pick(inScope).id))] : [home.id];
      // Two organisations in one kommune never share a name: the next pattern is taken when the drawn one is used.
      // One draw for a local organisation and none for a national one, as before, so the contacts after keep their random stream.
      const first = national ? 0 : Math.floor(rng.next() * organisationPatterns.length);
      const local = national ? undefined : organisationPatterns.map((_, n) => organisationPatterns[(first + n) % organisationPatterns.length]!.replace('{k}', home.navn)).find((candidate) => !usedNames.has(candidate));
      const name = national || !local ? `${nationalOrganisations[i % nationalOrganisations.length]}${i >= nationalOrganisations.length ? ` (${home.navn})` : ''}` : local;
      usedNames.add(name);
      const organisationId = id('organisation', i);
      await createRow(trx, 'organisation', { name, kind: 'boligorganisation', notes: '' }, { id: organisationId, now });
      for (const kommuneId of kommuneIds) await createRow(trx, 'organisation_kommune', { organisation_id: organisationId, kommune_id: kommuneId }, { id: derivedId('organisation_kommune', organisationId, kommuneId), now });
      organisations.push({ id: organisationId, kommuneIds });
    }
  });
  progress('organisationer', organisationCount, organisationCount);

  /** Single posts already held: scope (kommune or organisation), title and, for politicians, the valgperiode. */
  const heldPosts = new Set<string>();
  const postTitle = (picked: string, scopeId: string, period: string): string => {
    const fallback = singlePostFallback[picked];
    if (fallback === undefined) return picked;
    const key = `${scopeId}|${picked}|${period}`;
    if (heldPosts.has(key)) return fallback;
    heldPosts.add(key);
    return picked;
  };
  for (let start = 0; start < contactCount; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(contactCount, start + 500); i++) {
        const first = rng.pick(firstNames);
        const last = rng.pick(lastNames);
        const contactId = id('contact', i);
        const slug = `${first}.${last}`.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
        await createRow(
          trx,
          'contact',
          { name: `${first} ${last}`, emails: JSON.stringify([`${slug}${i}@example.dk`]), phones: JSON.stringify([`+45 ${rng.int(20, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`]), notes: '' },
          { id: contactId, now },
        );
        const roll = rng.next();
        const kind: AffiliationKind = roll < 0.3 ? 'politiker' : roll < 0.6 ? 'embedsmand' : roll < 0.9 ? 'boligorganisation' : 'beboerdemokrat';
        const organisation = rng.pick(organisations);
        const kommuneId = kind === 'politiker' || kind === 'embedsmand' ? rng.pick(inScope).id : organisation.kommuneIds[0]!;
        const roleCount = kind === 'politiker' ? rng.int(1, 2) : 1;
        let firstTermFrom: string | null = null;
        for (let r = 0; r < roleCount; r++) {
          const term = kind === 'politiker' ? terms[Math.min(terms.length - 1, rng.int(0, 2) + r)]! : { from: `${rng.int(2008, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`, to: rng.chance(0.15) ? '2025-06-30' : null };
          // A politician's second role is a post in the next valgperiode; one person is not borgmester and udvalgsformand of the same byråd at once.
          // (The title is still drawn, so the rest of the demo stays the same for a seed.)
          if (r > 0 && term.from === firstTermFrom) {
            rng.pick(politicalTitles);
            continue;
          }
          firstTermFrom = term.from;
          await createRow(
            trx,
            'affiliation',
            {
              contact_id: contactId,
              organisation_id: kind === 'boligorganisation' || kind === 'beboerdemokrat' ? organisation.id : null,
              kommune_id: kind === 'politiker' || kind === 'embedsmand' ? kommuneId : null,
              title: postTitle(
                rng.pick(kind === 'politiker' ? politicalTitles : kind === 'embedsmand' ? officialTitles : kind === 'boligorganisation' ? organisationTitles : tenantTitles),
                kind === 'politiker' || kind === 'embedsmand' ? kommuneId : organisation.id,
                // Politicians hold a post for a valgperiode; officials and directors until they leave (ended roles do not hold it).
                kind === 'politiker' ? term.from : term.to === null ? 'current' : `ended ${i}`,
              ),
              kind,
              from_date: term.from,
              to_date: term.to,
            },
            { id: id('affiliation', i, r), now },
          );
        }
        contactsByKommune.set(kommuneId, [...(contactsByKommune.get(kommuneId) ?? []), contactId]);
      }
    });
    progress('kontakter', Math.min(contactCount, start + 500), contactCount);
  }

  // --- series -----------------------------------------------------------------------------------
  interface SeriesPlan {
    id: string;
    kind: MeetingSeriesKind;
    kommuneId: string | null;
    title: string;
    members: string[];
    year: number | null;
    dates: string[];
  }
  const series: SeriesPlan[] = [];
  const years = [2022, 2023, 2024, 2025, 2026];
  for (const k of inScope) {
    const members = (contactsByKommune.get(k.id) ?? []).slice(0, 6);
    series.push({ id: id('series', 'ks', k.id), kind: 'kommunesamarbejde', kommuneId: k.id, title: `Kommunesamarbejde ${k.navn}`, members, year: null, dates: [] });
    for (const year of [2021, 2025]) series.push({ id: id('series', 'valg', k.id, year), kind: 'valgmoede', kommuneId: k.id, title: `Valgmøde ${k.navn} ${year}`, members: members.slice(0, 3), year, dates: [`${year}-10-${rng.int(10, 28)}`] });
    if (rng.chance(0.35)) series.push({ id: id('series', 'hp', k.id), kind: 'helhedsplan', kommuneId: k.id, title: `Bestyrelse for helhedsplan i ${k.navn}`, members: members.slice(0, 4), year: null, dates: [] });
  }
  for (const o of organisations) {
    for (const year of years) {
      series.push({ id: id('series', 'sd', o.id, year), kind: 'styringsdialog', kommuneId: o.kommuneIds[0]!, title: `Styringsdialog ${year}`, members: [], year, dates: [`${year}-${String(rng.int(8, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`] });
    }
  }
  series.push({ id: id('series', 'net', 1), kind: 'netvaerk', kommuneId: null, title: 'Netværk for boligsociale medarbejdere', members: [], year: null, dates: [] });
  series.push({ id: id('series', 'net', 2), kind: 'andet', kommuneId: null, title: 'Kredsmøde', members: [], year: null, dates: [] });

  // Spread the remaining meetings over the recurring series, through the five years.
  const meetingTarget = Math.round(2500 * scale);
  const fixed = series.reduce((n, s) => n + s.dates.length, 0);
  const recurring = series.filter((s) => s.dates.length === 0);
  const remaining = Math.max(0, meetingTarget - fixed);
  for (let i = 0; i < remaining; i++) {
    const s = recurring[i % recurring.length]!;
    const round = Math.floor(i / recurring.length);
    const perSeries = Math.ceil(remaining / recurring.length);
    const dayOffset = Math.floor(((round + rng.next() * 0.6) / perSeries) * 5 * 365);
    s.dates.push(addDanishDays('2022-01-10', dayOffset));
  }

  await db.transaction().execute(async (trx) => {
    for (const s of series) {
      await createRow(
        trx,
        'meeting_series',
        {
          title: s.title,
          kind: s.kind,
          kommune_id: s.kommuneId,
          default_place: rng.pick(places),
          cadence_unit: s.kind === 'kommunesamarbejde' || s.kind === 'helhedsplan' ? 'months' : 'none',
          cadence_interval: s.kind === 'kommunesamarbejde' ? 3 : s.kind === 'helhedsplan' ? 2 : null,
          agenda_template: JSON.stringify(s.kind === 'styringsdialog' ? ['Styringsrapporten', 'Effektivisering og huslejeniveau'] : []),
          year: s.year,
          archived: s.year !== null && s.year < 2025 ? 1 : 0,
          notes: '',
        },
        { id: s.id, now },
      );
      for (const contactId of s.members) await createRow(trx, 'meeting_series_member', { series_id: s.id, contact_id: contactId }, { id: derivedId('meeting_series_member', s.id, contactId), now });
      if (s.kind === 'styringsdialog') {
        const organisationId = organisations.find((o) => s.id === id('series', 'sd', o.id, s.year!))?.id;
        if (organisationId) await createRow(trx, 'meeting_series_organisation', { series_id: s.id, organisation_id: organisationId }, { id: derivedId('meeting_series_organisation', s.id, organisationId), now });
      }
    }
  });
  progress('møderækker', series.length, series.length);

  // --- meetings, agendas, attendance, follow-ups ---------------------------------------------
  // Kommuner and boligorganisationer meet on working days: never on a weekend, a helligdag or juleaften.
  const meetings = series.flatMap((s) => s.dates.map((date, n) => ({ series: s, date: nextDanishWorkingDay(date), n }))).sort((a, b) => a.date.localeCompare(b.date) || a.series.id.localeCompare(b.series.id));
  const today = '2026-11-23';
  const past = meetings.filter((m) => m.date < today).length;
  const followUpTarget = Math.round(10000 * scale);
  let followUps = 0;
  let agendaItems = 0;
  let pastIndex = 0;
  // closed_in_meeting_id points at a later meeting, so it is set once that meeting exists.
  const pendingClosures: [string, string][] = [];
  for (let start = 0; start < meetings.length; start += 250) {
    await db.transaction().execute(async (trx: Transaction<Database>) => {
      for (let i = start; i < Math.min(meetings.length, start + 250); i++) {
        const { series: s, date, n } = meetings[i]!;
        const meetingId = id('meeting', s.id, n);
        const isPast = date < today;
        const status: MeetingStatus = isPast ? (rng.chance(0.04) ? 'aflyst' : 'afholdt') : 'planlagt';
        const hour = rng.pick([9, 10, 13, 14]);
        await createRow(
          trx,
          'meeting',
          { series_id: s.id, kommune_id: s.kommuneId, title: s.title, starts_at: danishInstant(date, hour), ends_at: danishInstant(date, hour + 2), place: rng.pick(places), status, notes: '' },
          { id: meetingId, now },
        );
        let position: string | null = null;
        const itemIds: string[] = [];
        const titles = agendaTitles(s.kind !== 'valgmoede', rng);
        for (let a = 0; a < titles.length; a++) {
          position = generateKeyBetween(position, null);
          const review = a === 0 && s.kind !== 'valgmoede';
          const itemId = id('agenda', meetingId, a);
          const held = status === 'afholdt';
          await createRow(
            trx,
            'agenda_item',
            {
              meeting_id: meetingId,
              position,
              kind: review ? 'follow_up_review' : 'normal',
              title: titles[a]!,
              description: '',
              presenter: '',
              planned_minutes: rng.pick([10, 15, 20, 30]),
              minutes: held ? Array.from({ length: rng.int(1, 3) }, () => rng.pick(minutesSentences)).join(' ') : '',
              decision: held ? rng.pick(decisions) : '',
            },
            { id: itemId, now },
          );
          itemIds.push(itemId);
          agendaItems++;
        }
        const pool = s.kommuneId ? (contactsByKommune.get(s.kommuneId) ?? []) : [];
        const attendees = [...new Set([...s.members, ...pool.slice(0, rng.int(2, 6))])];
        for (let a = 0; a < attendees.length; a++) {
          const contactId = attendees[a]!;
          await createRow(
            trx,
            'attendance',
            { meeting_id: meetingId, contact_id: contactId, status: status === 'afholdt' ? (rng.chance(0.15) ? 'afbud' : 'deltog') : 'inviteret', role: a === 0 ? 'ordstyrer' : a === 1 ? 'referent' : null },
            { id: derivedId('attendance', meetingId, contactId), now },
          );
        }
        if (status === 'afholdt') {
          const quota = Math.round(((pastIndex + 1) * followUpTarget) / past) - Math.round((pastIndex * followUpTarget) / past);
          pastIndex++;
          const next = meetings.slice(i + 1).find((m) => m.series.id === s.id);
          for (let f = 0; f < quota; f++) {
            const ownerContact = attendees.length > 0 && rng.chance(0.6) ? rng.pick(attendees) : null;
            const due = addDanishDays(date, rng.int(14, 90));
            const state = followUpState(due, today, rng);
            const closedIn = (state === 'udfoert' || state === 'annulleret') && next && next.date < today ? id('meeting', next.series.id, next.n) : null;
            await createRow(
              trx,
              'follow_up',
              {
                title: rng.pick(followUpTitles),
                details: '',
                owner_contact_id: ownerContact,
                owner_is_me: ownerContact ? 0 : 1,
                due_date: due,
                status: state,
                kommune_id: s.kommuneId,
                source_meeting_id: meetingId,
                source_agenda_item_id: itemIds[rng.int(1, 9)]!,
                closed_in_meeting_id: null,
              },
              { id: id('followup', meetingId, f), now },
            );
            if (closedIn) pendingClosures.push([id('followup', meetingId, f), closedIn]);
            followUps++;
          }
        }
      }
    });
    progress('møder', Math.min(meetings.length, start + 250), meetings.length);
  }
  await db.transaction().execute(async (trx) => {
    for (const [followUpId, meetingId] of pendingClosures) await updateRow(trx, 'follow_up', followUpId, { closed_in_meeting_id: meetingId }, { now });
  });

  // --- kontaktlog (issue 16) -----------------------------------------------------------------------
  // Calls, e-mails and chance meetings with the kommuner's people since 2024, from a random stream of their own,
  // so every row above stays as it was for a seed. Most in the last year, none on a weekend or helligdag.
  const logRng = seededRandomSource(seed ^ 0x6b6c6f67);
  const logCount = Math.round(400 * scale);
  const kinds = ['telefon', 'telefon', 'mail', 'mail', 'moede', 'andet'] as const;
  const withPeople = inScope.filter((k) => (contactsByKommune.get(k.id) ?? []).length > 0);
  if (withPeople.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < logCount; i++) {
        const k = withPeople[i % withPeople.length]!;
        const pool = contactsByKommune.get(k.id)!;
        const people = [...new Set([logRng.pick(pool), ...(logRng.chance(0.25) ? [logRng.pick(pool)] : [])])];
        const daysBack = logRng.chance(0.6) ? logRng.int(1, 365) : logRng.int(366, 1050);
        const date = nextDanishWorkingDay(addDanishDays(today, -daysBack));
        if (date >= today) continue;
        const logId = id('contactlog', i);
        await createRow(trx, 'contact_log', { date, kind: logRng.pick(kinds), note: logRng.pick(contactLogNotes), kommune_id: k.id, organisation_id: null, follow_up_id: null }, { id: logId, now });
        for (const contactId of people) await createRow(trx, 'contact_log_contact', { log_id: logId, contact_id: contactId }, { id: derivedId('contact_log_contact', logId, contactId), now });
      }
    });
  }
  const aftaler = await seedAftaler(db, { seed, inScope, organisations, id, now, today });
  await seedBoligomraader(db, { seed, inScope, organisations, id, now, today });
  await seedStyringsdialog(db, { seed, today, organisations, id, now });
  await seedHelhedsplaner(db, { seed, inScope, organisations, contactsByKommune, id, now, today });
  return { organisations: organisationCount, contacts: contactCount, series: series.length, meetings: meetings.length, agendaItems, followUps, aftaler };
}

const aftaleGoalTexts = [
  ['Færre udsættelser', 'Antal fogedsager pr. år'],
  ['Flere unge i uddannelse eller job', 'Andel 18–29-årige i uddannelse eller job'],
  ['Kortere ventetid for boligsocialt anviste', 'Gennemsnitlig ventetid i uger'],
  ['Bedre trivsel i afdelingerne', 'Trivselsmåling hvert andet år'],
  ['Vedligeholdelsesplaner for alle afdelinger', 'Andel afdelinger med 20-årig plan'],
] as const;

/**
 * Aftaler (issue 17), deterministic per seed from their own random stream (so
 * everything seeded before keeps its values): per kommune in scope an
 * udlejningsaftale with a yearly bilag, a samarbejdsaftale with the kommune's
 * first organisation as party; per organisation a styringsdialogaftale for
 * the demo's current year with goals and their status. Every year is relative
 * to the demo's today (Y): the udlejningsaftale runs Y-2 to Y+1, its bilag is
 * reviewed in December of Y.
 */
async function seedAftaler(
  db: Kysely<Database>,
  context: DemoContext,
): Promise<number> {
  const rng = seededRandomSource(context.seed + 17);
  const { id, now } = context;
  const y = Number(context.today.slice(0, 4));
  let count = 0;
  const goals = (n: number) =>
    JSON.stringify(
      Array.from({ length: n }, () => {
        const [text, indicator] = rng.pick(aftaleGoalTexts);
        return { text, indicator, status: rng.pick(['ikke_startet', 'i_gang', 'i_gang', 'naaet', 'ikke_naaet'] as const) };
      }).filter((g, i, all) => all.findIndex((x) => x.text === g.text) === i),
    );
  const base = { renegotiation_date: null, notes: '', documents: '[]' };
  await db.transaction().execute(async (trx) => {
    for (const k of context.inScope) {
      const firstOrganisation = context.organisations.find((o) => o.kommuneIds.includes(k.id));
      await createRow(
        trx,
        'aftale',
        {
          ...base,
          kind: 'udlejningsaftale',
          title: `Udlejningsaftale ${k.navn} ${y - 2}–${y + 1}`,
          status: 'gaeldende',
          kommune_id: k.id,
          from_date: `${y - 2}-01-01`,
          to_date: `${y + 1}-12-31`,
          evaluation_date: `${y + 1}-0${rng.int(3, 6)}-01`,
          bilag_review_date: `${y}-12-${String(rng.int(8, 22)).padStart(2, '0')}`,
          goals: goals(2),
          documents: JSON.stringify([`Udlejningsaftale ${k.navn}.pdf`, `Bilag 1 – fleksibel udlejning ${y}.pdf`]),
        },
        { id: id('aftale', 'udlejning', k.id), now },
      );
      const samarbejde = id('aftale', 'samarbejde', k.id);
      await createRow(
        trx,
        'aftale',
        {
          ...base,
          kind: rng.chance(0.3) ? 'boligsocial_samarbejdsaftale' : 'samarbejdsaftale',
          title: `Samarbejdsaftale om boligsociale indsatser i ${k.navn}`,
          status: rng.pick(['gaeldende', 'gaeldende', 'genforhandles', 'udkast'] as const),
          kommune_id: k.id,
          from_date: `${y - 3}-01-01`,
          to_date: null,
          evaluation_date: null,
          renegotiation_date: `${y + 1}-0${rng.int(1, 9)}-15`,
          bilag_review_date: null,
          goals: goals(3),
          documents: '[]',
          notes: '',
        },
        { id: samarbejde, now },
      );
      if (firstOrganisation) await createRow(trx, 'aftale_organisation', { aftale_id: samarbejde, organisation_id: firstOrganisation.id }, { id: derivedId('aftale_organisation', samarbejde, firstOrganisation.id), now });
      count += 2;
    }
    for (const o of context.organisations) {
      const aftaleId = id('aftale', 'styringsdialog', o.id, y);
      await createRow(
        trx,
        'aftale',
        {
          ...base,
          kind: 'styringsdialog_aftale',
          title: `Styringsdialogaftale ${y}`,
          status: 'gaeldende',
          kommune_id: o.kommuneIds[0] ?? null,
          from_date: `${y}-01-01`,
          to_date: `${y}-12-31`,
          evaluation_date: `${y}-${String(rng.int(9, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          bilag_review_date: null,
          goals: goals(rng.int(1, 3)),
        },
        { id: aftaleId, now },
      );
      await createRow(trx, 'aftale_organisation', { aftale_id: aftaleId, organisation_id: o.id }, { id: derivedId('aftale_organisation', aftaleId, o.id), now });
      count++;
    }
  });
  return count;
}

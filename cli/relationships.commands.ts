import { contactLogInputSchema, type ContactLogKind, type KommuneHub } from '../common/relationships.domain';
import { danishDate } from '../common/time';
import { createContactLog } from '../db/contact-log/contact-log.repository';
import { getKommuneHub, kommuneIdByKode } from '../db/hub/kommune-hub.repository';
import { relationshipHealth } from '../db/relationships/relationships.repository';
import { UserError, type CommandTable } from './command.types';

/** Lines for the CLI's usage text (issue 16), each "  name ARGS" and a description indented to column 25. */
export const relationshipsUsage = `  kommune --kode KODE   kommunens overblik: nu og næste, nøglepersoner, samarbejde og sidst i kontakt
  kontakt-log --contact ID --kind telefon|mail|møde|andet --note TEKST [--date DATO]
                        log en kontakt (telefon, mail, møde) med en person; tæller som kontakt
  stale-contacts [--months N]
                        nøglepersoner og kommuner, der venter på kontakt (hele landet; kommuner efter N måneder, standard 6)
`;

/** The CLI says "møde" as the user does; stored as "moede" like the other enums. */
const kinds: Readonly<Record<string, ContactLogKind>> = { telefon: 'telefon', mail: 'mail', møde: 'moede', moede: 'moede', andet: 'andet' };

const dateText = (date: string | null) => (date ? new Intl.DateTimeFormat('da-DK', { dateStyle: 'short' }).format(new Date(`${date}T12:00:00Z`)) : 'aldrig');
const instantText = (instant: string) => new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));

function describeHub(hub: KommuneHub): string {
  const n = hub.nowAndNext;
  const lines = [
    `${hub.kommune.navn} Kommune (${hub.kommune.kode}) — sidst i kontakt: ${dateText(hub.lastContact)}`,
    '',
    'Nu og næste',
    `  Kommende møder: ${n.upcomingMeetings.length === 0 ? 'ingen' : ''}`,
    ...n.upcomingMeetings.map((m) => `    ${instantText(m.startsAt)}  ${m.title}`),
    `  Åbne opfølgningspunkter: ${n.openCount} (${n.overdueCount} forfaldne)`,
    ...n.openFollowUps.map((f) => `    ${f.dueDate ?? '–'}${f.overdue ? ' (forfalden)' : ''}  ${f.title}`),
    `  Styringsdialog ${n.styringsdialog.year}:`,
    ...n.styringsdialog.rows.map((r) => `    ${r.state.padEnd(9)} ${r.organisationName}`),
    `  Aktive møderækker: ${n.activeSeries.length}`,
    ...n.activeSeries.map((s) => `    ${s.title}${s.organisations ? ` (${s.organisations})` : ''}`),
    '',
    'Nøglepersoner',
    ...(hub.keyPeople.length === 0 ? ['  ingen'] : []),
    ...hub.keyPeople.map(
      (p) => `  ${p.title} — ${p.contactName}${p.place.kind === 'organisation' ? `, ${p.place.name}` : ''}: sidst i kontakt ${dateText(p.lastContact)}${p.overdue ? ` (forfalden, hver ${p.intervalMonths}. md.)` : ''}${p.previous ? `; før: ${p.previous.contactName}` : ''}`,
    ),
    '',
    'Samarbejde',
    ...hub.collaboration.series.map((s) => `  Møderække: ${s.title}${s.lastMeetingAt ? ` — seneste møde ${instantText(s.lastMeetingAt)}` : ''}`),
    ...hub.collaboration.organisations.map((o) => `  Organisation: ${o.name}${o.lastMeetingAt ? ` — seneste møde ${instantText(o.lastMeetingAt)}` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const relationshipsCommands: CommandTable = {
  async kommune({ app, json, values, out }) {
    const kode = Number(values.kode);
    if (typeof values.kode !== 'string' || !Number.isInteger(kode)) throw new UserError('Angiv kommunens kode: --kode 259');
    const hub = await getKommuneHub(app.db, await kommuneIdByKode(app.db, kode));
    out.write(json ? `${JSON.stringify(hub)}\n` : describeHub(hub));
    return 0;
  },
  async 'kontakt-log'({ app, json, values, out }) {
    if (typeof values.contact !== 'string' || values.contact === '') throw new UserError('Angiv personen: --contact ID');
    const kind = typeof values.kind === 'string' ? kinds[values.kind.toLowerCase()] : undefined;
    if (!kind) throw new UserError('Angiv hvordan: --kind telefon, mail, møde eller andet.');
    if (typeof values.note !== 'string') throw new UserError('Angiv en kort note: --note "Om anvisningsaftalen"');
    const parsed = contactLogInputSchema.safeParse({ date: typeof values.date === 'string' ? values.date : danishDate(new Date()), kind, note: values.note, contactIds: [values.contact] });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      throw new UserError(field === 'date' ? '--date skal være en dato som 2026-11-23.' : field === 'note' ? 'Noten er for lang (højst 2.000 tegn).' : field === 'contactIds' ? '--contact skal være en kontakts id.' : 'Ugyldige oplysninger.');
    }
    const entry = await createContactLog(app.db, parsed.data);
    out.write(json ? `${JSON.stringify(entry)}\n` : `Kontakt logget ${dateText(entry.date)} (${values.kind}) med ${entry.contacts.map((c) => c.name).join(', ')}${entry.kommune ? `, ${entry.kommune.name} Kommune` : ''}.\n`);
    return 0;
  },
  async 'stale-contacts'({ app, json, values, out }) {
    const months = values.months === undefined ? 6 : Number(values.months);
    if (!Number.isInteger(months) || months < 1 || months > 120) throw new UserError('--months skal være et helt tal mellem 1 og 120.');
    const health = await relationshipHealth(app.db, { kommuneIds: null, months, limit: 500 });
    if (json) {
      out.write(`${JSON.stringify(health)}\n`);
      return 0;
    }
    const lines = [
      `Nøglepersoner, der venter på kontakt: ${health.overduePeopleCount}`,
      ...health.overduePeople.map((p) => `  ${p.contactName} — ${p.title}, ${p.place.kind === 'kommune' ? `${p.place.name} Kommune` : p.place.name}: sidst i kontakt ${dateText(p.lastContact)} (hver ${p.intervalMonths}. md.)`),
      `Kommuner uden kontakt i ${months} måneder: ${health.overdueKommuner.length}`,
      ...health.overdueKommuner.map((k) => `  ${k.navn}: ${dateText(k.lastContact)}`),
      ...(health.newCouncil ? [`Nyt byråd fra ${dateText(health.newCouncil.termStart)}, nøgleroller uden kontakt: ${health.newCouncil.people.length}`, ...health.newCouncil.people.map((p) => `  ${p.contactName} — ${p.title}, ${p.place.name}`)] : []),
    ];
    out.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

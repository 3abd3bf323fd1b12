import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { danishLabel } from '../../common/labels.da';
import { todayInDenmark } from '../contacts/affiliations.query';
import type { Database } from '../schema';
import { collectPersonData, type PersonData } from './gdpr.collect';

/** GDPR stage 2, the access export ("Indsigt"): what gdpr.collect.ts read, as a zip of JSON and Danish CSV files. */
type Db = Kysely<Database>;


const danishTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });
const when = (instant: string | null) => (instant ? danishTime.format(new Date(instant)) : '');
const yesNo = (deleted: string | null) => (deleted ? 'ja' : 'nej');
const tableNames: Record<string, string> = {
  affiliation: 'rolle',
  attendance: 'mødedeltagelse',
  meeting_series_member: 'medlem af mødeserie',
  contact_log_contact: 'kontaktlog',
  helhedsplan_role: 'rolle i helhedsplan',
  follow_up: 'opfølgningspunkt',
  contact: 'kontakt (flettet ind)',
  styringsdialog: 'styringsdialog',
};
const fieldNames: Record<string, string> = {
  name: 'navn',
  emails: 'e-mails',
  phones: 'telefonnumre',
  notes: 'noter',
  deleted_at: 'slettet',
  erased_at: 'slettet efter GDPR',
  merged_into: 'flettet ind i',
  merged_seen: 'fletning (teknisk)',
  contact_id: 'kontakt',
  owner_contact_id: 'ansvarlig',
  pakke_contact_id: 'dokumentationspakke modtaget (hvem)',
  aftaler_contact_id: 'aftaler indgået (hvem)',
  referat_contact_id: 'referat/aftale sendt (hvem)',
  redegoerelse_contact_id: 'redegørelse offentliggjort (hvem)',
};
const show = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** CSV as Excel in Denmark opens it: UTF-8 with BOM, semicolons, CRLF. */
function csv(fields: string[], rows: (string | number | null)[][]): Uint8Array {
  return strToU8(`\uFEFF${Papa.unparse({ fields, data: rows }, { delimiter: ';', newline: '\r\n' })}\r\n`);
}

const readMe = (data: PersonData) => `Indsigt i personoplysninger (GDPR) – ${data.contact.name}
Udtrukket ${when(data.exportedAt)} fra Kredsbog.

Filerne indeholder alt, hvad Kredsbog har registreret om personen:

indsigt.json            Alle oplysninger samlet i ét maskinlæsbart dokument (UTF-8).
kontakt.csv             Navn, e-mails, telefonnumre, noter og hvornår posten blev oprettet, ændret eller slettet.
roller.csv              Roller i organisationer og kommuner, også afsluttede og slettede.
mødedeltagelse.csv      Møder personen er inviteret til eller har deltaget i, med status og eventuel rolle.
opfølgningspunkter.csv  Opfølgningspunkter personen er ansvarlig for.
mødeserier.csv          Mødeserier personen er medlem af.
kontaktlog.csv          Registrerede kontakter (telefon, mail, møde) med personen, med dato og note.
styringsdialog.csv      Trin i styringsdialogen, hvor personen er angivet som "hvem", med tekst og noter.
helhedsplaner.csv       Pladser i boligsociale helhedsplaners bestyrelse, styregruppe, følgegruppe eller som projektleder, med helhedsplanens noter.
omtaler.csv             Alle poster, der henviser til personen (nu eller tidligere).
historik.csv            Ændringshistorikken for personens egen post: hvornår, på hvilken installation, og hvad der blev ændret.

CSV-filerne er UTF-8 med semikolon som skilletegn og kan åbnes direkte i Excel.
Tidspunkter er dansk tid.
`;

/** The access export: indsigt.json, one CSV per section and LæsMig.txt, zipped. */
export async function personDataZip(db: Db, contactId: string, now = new Date()): Promise<Uint8Array> {
  return personDataZipOf(await collectPersonData(db, contactId, now), now);
}

/** The zip of collected data (the export's writer, testable without a database). */
export function personDataZipOf(data: PersonData, now = new Date()): Uint8Array {
  const c = data.contact;
  return zipSync(
    {
      'LæsMig.txt': strToU8(readMe(data).replace(/\n/g, '\r\n')),
      'indsigt.json': strToU8(`${JSON.stringify(data, null, 2)}\n`),
      'kontakt.csv': csv(
        ['Navn', 'E-mails', 'Telefonnumre', 'Noter', 'Oprettet', 'Ændret', 'Slettet', 'Slettet efter GDPR'],
        [[c.name, c.emails.join(', '), c.phones.join(', '), c.notes, when(c.createdAt), when(c.updatedAt), when(c.deletedAt), when(c.erasedAt)]],
      ),
      'roller.csv': csv(
        ['Titel', 'Type', 'Organisation', 'Kommune', 'Fra', 'Til', 'Slettet'],
        data.roles.map((r) => [r.title, danishLabel('affiliationKind', r.kind), r.organisationName ?? '', r.kommuneNavn ?? '', r.fromDate ?? '', r.toDate ?? '', yesNo(r.deletedAt)]),
      ),
      'mødedeltagelse.csv': csv(
        ['Møde', 'Tidspunkt', 'Mødestatus', 'Deltagelse', 'Rolle', 'Slettet'],
        data.attendance.map((a) => [a.meetingTitle, when(a.startsAt), danishLabel('meetingStatus', a.meetingStatus), danishLabel('attendanceStatus', a.status), danishLabel('attendanceRole', a.role), yesNo(a.deletedAt)]),
      ),
      'opfølgningspunkter.csv': csv(
        ['Titel', 'Beskrivelse', 'Frist', 'Status', 'Slettet'],
        data.followUps.map((f) => [f.title, f.details, f.dueDate ?? '', danishLabel('followUpStatus', f.status), yesNo(f.deletedAt)]),
      ),
      'mødeserier.csv': csv(['Mødeserie', 'Slettet'], data.seriesMemberships.map((s) => [s.seriesTitle, yesNo(s.deletedAt)])),
      'kontaktlog.csv': csv(
        ['Dato', 'Type', 'Note', 'Kommune', 'Organisation', 'Slettet'],
        data.contactLog.map((l) => [l.date, danishLabel('contactLogKind', l.kind), l.note, l.kommuneNavn ?? '', l.organisationName ?? '', yesNo(l.deletedAt)]),
      ),
      'styringsdialog.csv': csv(
        ['År', 'Kommune', 'Boligorganisation', 'Trin', 'Dato', 'Hvem (tekst)', 'Noter', 'Slettet'],
        data.styringsdialogSteps.map((s) => [s.year, s.kommuneNavn, s.organisationName, s.step, s.date ?? '', s.who, s.notes, yesNo(s.deletedAt)]),
      ),
      'helhedsplaner.csv': csv(
        ['Helhedsplan', 'Organ', 'Titel', 'Fra', 'Til', 'Noter om helhedsplanen', 'Slettet'],
        data.helhedsplanRoles.map((r) => [r.helhedsplanName, danishLabel('helhedsplanBody', r.body), r.title, r.fromDate ?? '', r.toDate ?? '', r.helhedsplanNotes, yesNo(r.deletedAt)]),
      ),
      'omtaler.csv': csv(
        ['Type', 'Id', 'Felt', 'Henviser nu'],
        data.mentions.map((m) => [tableNames[m.table] ?? m.table, m.rowId, fieldNames[m.field] ?? m.field, m.current ? 'ja' : 'nej']),
      ),
      'historik.csv': csv(
        ['Tidspunkt', 'Installation', 'Felt', 'Før', 'Efter'],
        data.history.flatMap((h) => h.changes.map((change) => [when(h.at), h.installationName, fieldNames[change.field] ?? change.field, show(change.before), show(change.after)])),
      ),
    },
    { mtime: now },
  );
}

/** "Indsigt Mette Ørsted 2026-03-05.zip" — characters no file system accepts are left out. */
export function personDataFileName(name: string, now = new Date()): string {
  const printable = [...name].filter((ch) => ch >= ' ').join('');
  const safe = printable.replace(/[\\/:*?"<>|]/g, '').replace(/\s+/g, ' ').trim() || 'person';
  return `Indsigt ${safe} ${todayInDenmark(now)}.zip`;
}


/** The access export and its file name, from one read (a missing contact is NOT_FOUND from collectPersonData). */
export async function personDataExport(db: Db, contactId: string, now = new Date()): Promise<{ readonly fileName: string; readonly zip: Uint8Array }> {
  const data = await collectPersonData(db, contactId, now);
  return { fileName: personDataFileName(data.contact.name, now), zip: personDataZipOf(data, now) };
}

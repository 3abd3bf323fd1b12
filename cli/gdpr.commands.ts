import fs from 'node:fs';
import path from 'node:path';
import type { ErasureSummary } from '../common/gdpr/gdpr.domain';
import { writeFileAtomic } from '../db/files/atomic-write';
import { eraseContact, personDataZip } from '../db/gdpr/gdpr.repository';
import { UserError, type CommandContext, type CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const gdprUsage = `  indsigt --contact ID --out FIL.zip
                        GDPR-indsigt: alt om personen som zip (indsigt.json, CSV-filer, LæsMig.txt)
  slet-person --contact ID [--dry-run]
                        GDPR-sletning af personen, også i ændringsloggen (--dry-run viser kun hvad der slettes)
`;

function contactOption(values: CommandContext['values']): string {
  const id = values.contact;
  if (typeof id !== 'string' || id === '') throw new UserError('Angiv personen: --contact ID');
  return id;
}

function describeSummary(s: ErasureSummary): string {
  const lines = [
    `${s.erased ? 'Slettet' : 'Forhåndsvisning – intet er ændret. Sletning af'} ${s.name}:`,
    `  personlige felter: navn${s.fields.emails ? `, ${s.fields.emails} e-mail(s)` : ''}${s.fields.phones ? `, ${s.fields.phones} telefonnummer/-numre` : ''}${s.fields.notes ? ', noter' : ''}`,
    `  ${s.roles.length} roller${s.roles.length ? `: ${s.roles.map((r) => r.description).join('; ')}` : ''}`,
    `  ${s.futureMeetings.length} invitationer til kommende møder fjernes; ${s.pastMeetingsKept} tidligere møder beholdes som "Slettet person"`,
    `  ${s.followUps.length} opfølgningspunkter mister deres ansvarlige`,
    `  ${s.seriesMemberships.length} medlemskaber af mødeserier fjernes`,
    `  ${s.contactLogEntries} kontaktlogposter slettes med deres noter`,
    `  ${s.helhedsplanRoles.length} roller i helhedsplaner slettes`,
    `  ${s.historyOperations} ældre værdier i ændringsloggen overskrives`,
  ];
  return `${lines.join('\n')}\n`;
}

export const gdprCommands: CommandTable = {
  async indsigt({ app, json, values, out }) {
    const contactId = contactOption(values);
    if (typeof values.out !== 'string' || values.out === '') throw new UserError('Angiv filen: --out FIL.zip');
    const destination = path.resolve(values.out);
    if (fs.existsSync(destination)) throw new UserError(`Filen findes allerede: ${destination}. Vælg et andet navn.`);
    const zip = await personDataZip(app.db, contactId);
    writeFileAtomic(destination, zip);
    out.write(json ? `${JSON.stringify({ file: destination, bytes: zip.length })}\n` : `Indsigt gemt: ${destination}\n`);
    return 0;
  },
  async 'slet-person'({ app, json, values, out }) {
    const contactId = contactOption(values);
    const summary = await eraseContact(app, contactId, { dryRun: values['dry-run'] === true });
    out.write(json ? `${JSON.stringify(summary)}\n` : describeSummary(summary));
    return 0;
  },
};

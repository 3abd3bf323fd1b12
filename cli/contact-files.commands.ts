import fs from 'node:fs';
import path from 'node:path';
import { columnMappingSchema, type ImportPreview, type SpreadsheetSubject } from '../common/contact-files/contact-files.domain';
import { importContactFile, previewContactFile } from '../db/contact-files/contacts.import';
import { exportSpreadsheet } from '../db/contact-files/spreadsheets.export';
import { exportVcards } from '../db/contact-files/vcard';
import { writeFileAtomic } from '../db/files/atomic-write';
import { UserError, type CommandContext, type CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const contactFilesUsage = `  contacts-export --format vcf|csv|xlsx --out FIL [--version 3.0|4.0]
                        alle kontakter som vCard (4.0, eller 3.0 til Outlook; --out *.zip giver én .vcf pr. kontakt), CSV eller Excel
  contacts-import FIL [--dry-run] [--json] [--map JSON]
                        importér kontakter fra .csv, .xlsx eller .vcf (--dry-run viser kun forhåndsvisningen;
                        --map '{"name":"Navn","email":"Mail"}' vælger kolonnerne)
  spreadsheet-export contacts|organisations|followups|meetings|aftaler|kontaktlog|helhedsplaner|boligomraader --format csv|xlsx --out FIL
                        liste til Excel (CSV med semikolon og BOM, eller .xlsx)
`;

function outOption(values: CommandContext['values']): string {
  const out = values.out;
  if (typeof out !== 'string' || out === '') throw new UserError('Angiv filen: --out FIL');
  return path.resolve(out);
}

function write(file: string, bytes: Uint8Array): void {
  try {
    writeFileAtomic(file, bytes);
  } catch (error) {
    throw new UserError(`Kunne ikke skrive ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const subjects: Record<string, SpreadsheetSubject> = { contacts: 'contacts', organisations: 'organisations', followups: 'followUps', meetings: 'meetings', aftaler: 'aftaler', kontaktlog: 'contactLog', helhedsplaner: 'helhedsplaner', boligomraader: 'boligomraader' };

function summary(preview: ImportPreview, dryRun: boolean): string {
  const c = preview.counts;
  const mapped = Object.entries(preview.mapping)
    .filter(([, header]) => header)
    .map(([field, header]) => `${field}=${String(header)}`)
    .join(', ');
  const lines = [
    `${dryRun ? 'Forhåndsvisning' : 'Importeret'}: ${c.new} nye, ${c.updated} opdaterede, ${c.unchanged} uændrede, ${c.duplicate} mulige dubletter (springes over), ${c.rejected} afviste.`,
    ...(preview.format === 'vcf' ? [] : [`  Kolonner (${preview.mappingSource === 'remembered' ? 'husket' : preview.mappingSource === 'given' ? '--map' : 'foreslået'}): ${mapped || 'ingen'}`]),
    ...(preview.needsMapping ? ['  Ingen kolonne giver et navn – angiv den med --map \'{"name":"…"}\'.'] : []),
    ...preview.rows
      .filter((r) => r.outcome !== 'unchanged')
      .map((r) => `  række ${r.rowNumber}: ${r.outcome === 'new' ? 'ny' : r.outcome === 'updated' ? 'opdateres' : r.outcome === 'duplicate' ? 'mulig dublet' : 'afvist'} – ${r.name || '(uden navn)'}${[...r.reasons, ...r.notes].length ? ` (${[...r.reasons, ...r.notes].join(' ')})` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const contactFilesCommands: CommandTable = {
  async 'contacts-export'({ app, json, values, out }) {
    const file = outOption(values);
    const format = values.format;
    if (format === 'vcf') {
      const version = values.version ?? '4.0';
      if (version !== '4.0' && version !== '3.0') throw new UserError('--version skal være 3.0 eller 4.0.');
      const result = await exportVcards(app.db, { version, packaging: file.toLowerCase().endsWith('.zip') ? 'zip' : 'single' });
      write(file, result.bytes);
      out.write(json ? `${JSON.stringify({ file, bytes: result.bytes.length })}\n` : `vCard ${version} skrevet til ${file}.\n`);
      return 0;
    }
    if (format !== 'csv' && format !== 'xlsx') throw new UserError('Angiv formatet: --format vcf, csv eller xlsx');
    const result = await exportSpreadsheet(app.db, 'contacts', format);
    write(file, result.bytes);
    out.write(json ? `${JSON.stringify({ file, bytes: result.bytes.length })}\n` : `Kontakter skrevet til ${file}.\n`);
    return 0;
  },
  async 'contacts-import'({ app, json, values, positionals, out }) {
    const file = positionals[1];
    if (!file) throw new UserError('Angiv filen der skal importeres: npm run cli -- contacts-import --db STI FIL');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(fs.readFileSync(path.resolve(file)));
    } catch {
      throw new UserError(`Filen findes ikke eller kan ikke læses: ${file}`);
    }
    let mapping;
    if (values.map !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(String(values.map));
      } catch {
        throw new UserError('--map skal være JSON, fx \'{"name":"Navn","email":"E-mail"}\'.');
      }
      const parsed = columnMappingSchema.safeParse(raw);
      if (!parsed.success) throw new UserError('--map kender kun felterne name, firstName, middleName, lastName, email, email2, email3, phone, phone2, phone3, organisation, title, kommune og notes.');
      mapping = parsed.data;
    }
    const input = { fileName: path.basename(file), bytes, mapping };
    const dryRun = values['dry-run'] === true;
    if (dryRun) {
      const preview = await previewContactFile(app.db, input);
      out.write(json ? `${JSON.stringify({ dryRun, ...preview })}\n` : summary(preview, true));
      return 0;
    }
    const result = await importContactFile(app, input);
    out.write(json ? `${JSON.stringify({ dryRun, ...result })}\n` : summary(result.preview, false));
    return 0;
  },
  async 'spreadsheet-export'({ app, json, values, positionals, out }) {
    const subject = subjects[positionals[1] ?? ''];
    if (!subject) throw new UserError('Angiv hvad der skal eksporteres: contacts, organisations, followups, meetings, aftaler, kontaktlog, helhedsplaner eller boligomraader.');
    const format = values.format;
    if (format !== 'csv' && format !== 'xlsx') throw new UserError('Angiv formatet: --format csv eller xlsx');
    const file = outOption(values);
    const result = await exportSpreadsheet(app.db, subject, format);
    write(file, result.bytes);
    out.write(json ? `${JSON.stringify({ file, bytes: result.bytes.length })}\n` : `${result.fileName.replace(/\.\w+$/, '')} skrevet til ${file}.\n`);
    return 0;
  },
};

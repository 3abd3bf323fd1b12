import fs from 'node:fs';
import path from 'node:path';
import type { IcsPreview } from '../common/calendar/calendar.domain';
import { meetingIcs, seriesIcs } from '../db/calendar/calendar.ics';
import { importIcs, previewIcsImport } from '../db/calendar/calendar.import';
import { writeFileAtomic } from '../db/files/atomic-write';
import { UserError, type CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const calendarUsage = `  ics (--meeting ID | --series ID) --out FIL
                        møde eller hel møderække som kalenderfil (.ics) til Outlook
  ics-import FIL [--dry-run]
                        importér aftaler fra en .ics-fil (--dry-run viser kun forhåndsvisningen)
`;

const kindText: Record<IcsPreview['items'][number]['kind'], string> = {
  new: 'ny',
  update: 'ændres',
  unchanged: 'uændret',
  cancel: 'aflyses',
  rejected: 'afvist',
};

function when(instant: string | null): string {
  return instant ? new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant)) : '–';
}

function describePreview(preview: IcsPreview, dryRun: boolean): string {
  const c = preview.counts;
  const lines = [
    `${dryRun ? 'Forhåndsvisning af import' : 'Importeret'} fra ${preview.fileName}: ${c.new} nye, ${c.update} ændrede, ${c.cancel} aflyste, ${c.unchanged} uændrede, ${c.rejected} afviste.`,
    ...preview.items.map((i) => `  ${kindText[i.kind].padEnd(8)} ${when(i.startsAt).padEnd(17)} ${i.title}${i.reason ? ` — ${i.reason}` : ''}`),
    ...preview.warnings.map((w) => `  Bemærk: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const calendarCommands: CommandTable = {
  async ics({ app, json, values, out }) {
    const meeting = typeof values.meeting === 'string' ? values.meeting : undefined;
    const series = typeof values.series === 'string' ? values.series : undefined;
    if ((meeting === undefined) === (series === undefined)) throw new UserError('Angiv enten --meeting ID eller --series ID.');
    if (typeof values.out !== 'string' || values.out === '') throw new UserError('Angiv filen: --out FIL');
    const file = meeting ? await meetingIcs(app.db, meeting) : await seriesIcs(app.db, series as string);
    const destination = path.resolve(values.out);
    writeFileAtomic(destination, file.text);
    out.write(json ? `${JSON.stringify({ file: destination, events: file.text.split('BEGIN:VEVENT').length - 1 })}\n` : `Kalenderfil gemt: ${destination}\n`);
    return 0;
  },
  async 'ics-import'({ app, json, values, positionals, out }) {
    const file = positionals[1];
    if (!file) throw new UserError('Angiv filen der skal importeres: npm run cli -- ics-import --db STI FIL');
    const resolved = path.resolve(file);
    if (!fs.existsSync(resolved)) throw new UserError(`Filen findes ikke: ${resolved}`);
    const bytes = new Uint8Array(fs.readFileSync(resolved));
    const dryRun = values['dry-run'] === true;
    const options = { fileName: path.basename(resolved) };
    const result = dryRun ? await previewIcsImport(app.db, bytes, options) : await importIcs(app, bytes, options);
    out.write(json ? `${JSON.stringify({ dryRun, ...result })}\n` : describePreview(result, dryRun));
    return 0;
  },
};

import path from 'node:path';
import { referatCollectionFilterSchema, referatFormats, type ReferatFormat } from '../common/documents/referat.model';
import { idSchema, isoDateSchema } from '../common/domain';
import { exportReferat, exportReferatCollection } from '../db/documents/referat.export';
import { writeFileAtomic } from '../db/files/atomic-write';
import { chromiumPdfRenderer } from '../server/pdf/pdf-renderer';
import { UserError, type CommandContext, type CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const documentsUsage = `  referat --meeting ID --format docx|pdf|md --out FIL
                        mødets referat som Word, PDF eller Markdown
  referater (--series ID | --kommune KODE) [--from DATO] [--to DATO] --format docx|pdf|md --out FIL
                        flere møders referater samlet i ét dokument (hvert møde på ny side)
`;

function formatOption(values: CommandContext['values']): ReferatFormat {
  const format = values.format;
  if (typeof format !== 'string' || !(referatFormats as readonly string[]).includes(format)) throw new UserError('Angiv formatet: --format docx, pdf eller md');
  return format as ReferatFormat;
}

function outOption(values: CommandContext['values']): string {
  if (typeof values.out !== 'string' || values.out === '') throw new UserError('Angiv filen: --out FIL');
  return path.resolve(values.out);
}

function dateOption(values: CommandContext['values'], name: 'from' | 'to'): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isoDateSchema.safeParse(value).success) throw new UserError(`--${name} skal være en dato som 2026-11-24.`);
  return value;
}

export const documentsCommands: CommandTable = {
  async referat({ app, json, values, out }) {
    const meetingId = values.meeting;
    if (typeof meetingId !== 'string' || !idSchema.safeParse(meetingId).success) throw new UserError('Angiv mødet: --meeting ID (mødets id)');
    const format = formatOption(values);
    const target = outOption(values);
    const file = await exportReferat(app.db, meetingId, format, {}, chromiumPdfRenderer());
    writeFileAtomic(target, file.bytes);
    out.write(json ? `${JSON.stringify({ file: target, fileName: file.fileName, bytes: file.bytes.byteLength })}\n` : `Referat gemt: ${target}\n`);
    return 0;
  },
  async referater({ app, json, values, out }) {
    if ((values.series === undefined) === (values.kommune === undefined)) throw new UserError('Angiv enten --series ID eller --kommune KODE.');
    let seriesId: string | undefined;
    let kommuneId: string | undefined;
    if (typeof values.series === 'string') {
      if (!idSchema.safeParse(values.series).success) throw new UserError('--series skal være møderækkens id.');
      seriesId = values.series;
    }
    if (values.kommune !== undefined) {
      const kode = Number(values.kommune);
      const kommune = Number.isInteger(kode) ? await app.db.selectFrom('kommune').select('id').where('kode', '=', kode).executeTakeFirst() : undefined;
      if (!kommune) throw new UserError(`Ingen kommune har koden ${String(values.kommune)}.`);
      kommuneId = kommune.id;
    }
    const parsed = referatCollectionFilterSchema.safeParse({ seriesId, kommuneId, from: dateOption(values, 'from'), to: dateOption(values, 'to') });
    if (!parsed.success) throw new UserError('--to skal ligge efter --from.');
    const format = formatOption(values);
    const target = outOption(values);
    const file = await exportReferatCollection(app.db, parsed.data, format, {}, chromiumPdfRenderer());
    writeFileAtomic(target, file.bytes);
    out.write(json ? `${JSON.stringify({ file: target, fileName: file.fileName, meetings: file.meetings, bytes: file.bytes.byteLength })}\n` : `${file.meetings} referater samlet i ${target}\n`);
    return 0;
  },
};

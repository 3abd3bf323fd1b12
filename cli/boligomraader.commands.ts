import fs from 'node:fs';
import path from 'node:path';
import { boligomraadeCategories, listYearSchema, type BoligomraadeCategory, type ListComparison } from '../common/boligomraader.domain';
import { danishLabels } from '../common/labels.da';
import { importBoligomraadeList, previewBoligomraadeList } from '../db/boligomraader/boligomraader-list.import';
import { listBoligomraader } from '../db/boligomraader/boligomraader.repository';
import { UserError, type CommandContext, type CommandTable } from './command.types';

/** Lines for the CLI's usage text (issue 17). */
export const boligomraaderUsage = `  boligomraader-import FIL --year ÅR [--dry-run]
                        importér ministeriets lister pr. 1. december (CSV/.xlsx: område, kommune, kategori);
                        viser hvad der er ændret siden sidste år; --dry-run skriver intet
  boligomraader [--year ÅR] [--kommune KODE] [--category KATEGORI]
                        boligområder med deres liste i året (kategori: ${boligomraadeCategories.join(', ')})
`;

function yearOf(context: CommandContext, required: boolean): number | undefined {
  const value = context.values.year;
  if (value === undefined) {
    if (required) throw new UserError('Angiv hvilket års lister filen er: --year 2026');
    return undefined;
  }
  const year = Number(value);
  if (typeof value !== 'string' || !listYearSchema.safeParse(year).success) throw new UserError('--year skal være et årstal som 2026.');
  return year;
}

const categoryText = (categories: readonly BoligomraadeCategory[]) => (categories.length ? categories.map((c) => danishLabels.boligomraadeCategory[c].toLowerCase()).join(', ') : 'ingen liste');
const changeText = { new: 'Ny på listerne', moved: 'Skiftet liste', off: 'Ude af listerne', unchanged: 'Uændret' } as const;

function describe(result: ListComparison & { rows: number; newAreas: number }, dryRun: boolean, applied: boolean): string {
  const lines = [
    `${dryRun ? 'Forhåndsvisning – intet er gemt' : applied ? 'Importeret' : 'Intet at ændre'}: listerne pr. 1. december ${result.year}${result.previousYear ? ` sammenlignet med ${result.previousYear}` : ''} (${result.rows} rækker, ${result.newAreas} nye områder).`,
    `Nye: ${result.counts.new}, skiftet liste: ${result.counts.moved}, ude: ${result.counts.off}, uændrede: ${result.counts.unchanged}.`,
  ];
  for (const c of result.changes.filter((x) => x.kind !== 'unchanged')) lines.push(`  ${changeText[c.kind].padEnd(16)} ${c.name} (${c.kommuneNavn ?? '–'}): ${categoryText(c.before)} → ${categoryText(c.after)}`);
  if (result.kommuner.length) lines.push(`Berørte kommuner: ${result.kommuner.map((k) => k.navn).join(', ')}`);
  if (result.organisations.length) lines.push(`Berørte organisationer: ${result.organisations.map((o) => o.name).join(', ')}`);
  if (result.series.length) lines.push(`Berørte møderækker: ${result.series.map((s) => s.title).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export const boligomraaderCommands: CommandTable = {
  async 'boligomraader-import'(context) {
    const { app, json, values, positionals, out } = context;
    const file = positionals[1];
    if (!file) throw new UserError('Angiv filen der skal importeres: npm run cli -- boligomraader-import --db STI FIL --year ÅR');
    const year = yearOf(context, true)!;
    const resolved = path.resolve(file);
    if (!fs.existsSync(resolved)) throw new UserError(`Filen findes ikke: ${resolved}`);
    const bytes = new Uint8Array(fs.readFileSync(resolved));
    const dryRun = values['dry-run'] === true;
    const fileName = path.basename(resolved);
    const result = dryRun ? { ...(await previewBoligomraadeList(app.db, bytes, fileName, year)), applied: false } : await importBoligomraadeList(app, bytes, fileName, year);
    out.write(json ? `${JSON.stringify({ dryRun, ...result })}\n` : describe(result, dryRun, result.applied));
    return 0;
  },
  async boligomraader(context) {
    const { app, json, values, out } = context;
    const year = yearOf(context, false);
    let kommuneId: string | undefined;
    if (values.kommune !== undefined) {
      const kommune = await app.db.selectFrom('kommune').select('id').where('kode', '=', Number(values.kommune)).executeTakeFirst();
      if (!kommune) throw new UserError(`Ingen kommune har koden ${String(values.kommune)}.`);
      kommuneId = kommune.id;
    }
    const category = values.category;
    if (category !== undefined && !(boligomraadeCategories as readonly unknown[]).includes(category)) throw new UserError(`--category skal være én af: ${boligomraadeCategories.join(', ')}.`);
    const items = [];
    let shownYear: number | null = null;
    for (let offset = 0; ; offset += 500) {
      const page = await listBoligomraader(app.db, { year, kommuneId, category: category as BoligomraadeCategory | undefined, offset, limit: 500 });
      shownYear = page.year;
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) break;
    }
    if (json) out.write(`${JSON.stringify({ year: shownYear, items })}\n`);
    else if (items.length === 0) out.write('Ingen boligområder.\n');
    else out.write(`Lister pr. 1. december ${shownYear ?? '–'}:\n${items.map((a) => `  ${a.name} (${a.kommuneNavn ?? '–'}): ${categoryText(a.categories)}`).join('\n')}\n`);
    return 0;
  },
};

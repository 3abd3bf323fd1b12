import type { ImportUndoState, ImportUndoSummary } from '../common/import-undo.domain';
import { listRecentImports, undoImport } from '../db/sync/import-undo';
import { UserError, type CommandContext, type CommandTable } from './command.types';

/** Lines for the CLI's usage text, each "  name ARGS" and a description indented to column 25, ending in a newline. */
export const importUndoUsage = `  imports               de seneste importer (nyeste først) med id og om de kan fortrydes
  undo-import --journal ID [--dry-run]
                        fortryd importen ID (se imports): alt den ændrede sættes tilbage som nye ændringer
`;

const timeFormat = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });

const stateText: Readonly<Record<ImportUndoState, string>> = {
  undoable: 'kan fortrydes',
  undone: 'fortrudt',
  tooLarge: 'for stor – gendan sikkerhedskopien fra før importen',
  tooOld: 'kan ikke længere fortrydes',
  nothingChanged: 'ændrede intet',
};

function journalOption(values: CommandContext['values']): number {
  const id = Number(values.journal);
  if (typeof values.journal !== 'string' || !Number.isInteger(id) || id <= 0) throw new UserError('Angiv importen: --journal ID (se npm run cli -- imports --db STI)');
  return id;
}

function describeUndo(s: ImportUndoSummary, dryRun: boolean): string {
  const lines = [
    dryRun ? 'Forhåndsvisning – intet er ændret. Fortrydelsen vil:' : 'Importen er fortrudt:',
    `  ${s.restoredFields} felter sat tilbage, ${s.deletedRecords} poster slettet igen, ${s.restoredRecords} poster gendannet`,
    ...(s.skippedChangedSince ? [`  ${s.skippedChangedSince} ændringer sprunget over: ændret igen efter importen`] : []),
    ...(s.skippedErased ? [`  ${s.skippedErased} ændringer sprunget over: personen er slettet efter GDPR og hentes ikke tilbage`] : []),
    ...(s.skippedMerged ? [`  ${s.skippedMerged} ændringer sprunget over: de hører til en sammenfletning af dubletter, som bliver stående`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export const importUndoCommands: CommandTable = {
  async imports({ app, json, out }) {
    const imports = await listRecentImports(app.db);
    if (json) out.write(`${JSON.stringify(imports)}\n`);
    else if (imports.length === 0) out.write('Ingen importer endnu.\n');
    else
      out.write(
        `${imports
          .map((i) => `${String(i.journalId).padStart(5)}  ${timeFormat.format(new Date(i.at))}  ${i.peerName ?? '–'}  ${i.fileName ?? '–'}  ${i.changedFields} felter, ${i.createdRecords} nye poster  ${stateText[i.state]}`)
          .join('\n')}\n`,
      );
    return 0;
  },
  async 'undo-import'({ app, json, values, out }) {
    const journalId = journalOption(values);
    const dryRun = values['dry-run'] === true;
    const result = await undoImport(app, journalId, { dryRun });
    out.write(json ? `${JSON.stringify(result)}\n` : describeUndo(result.summary, dryRun));
    return 0;
  },
};

import { danishLabels } from '../../common/labels.da';
import type { Styringsdialog } from '../../common/styringsdialog.domain';
import { danishDate } from '../../common/time';
import { sheetToXlsx, type Sheet } from '../contact-files/spreadsheets.export';

/** The Overblik board as a spreadsheet: one row per pair, the steps' dates and what is late (the export pattern of db/contact-files/spreadsheets.export.ts). */
export function styringsdialogSheet(year: number, rows: readonly Styringsdialog[]): Sheet {
  const date = (d: string | null) => (d ? { date: d } : null);
  const who = (s: Styringsdialog['steps']['pakke']) => [s.contact?.name, s.who].filter(Boolean).join(', ') || null;
  return {
    title: `Styringsdialog ${year}`,
    headers: ['Kommune', 'Boligorganisation', 'Står ved', 'Dokumentationspakke', 'Modtaget af', 'Dialogmøde', 'Mødestatus', 'Aftaler indgået', 'Referat sendt', 'Redegørelse', 'Aftale', 'Forsinket', 'Noter'],
    widths: [16, 30, 22, 14, 24, 18, 12, 14, 14, 14, 36, 40, 40],
    rows: rows.map((r) => [
      r.kommune.name,
      r.organisation.name,
      danishLabels.styringsdialogStage[r.stage],
      date(r.steps.pakke.date),
      who(r.steps.pakke),
      r.meeting ? { instant: r.meeting.startsAt } : null,
      r.meeting ? danishLabels.meetingStatus[r.meeting.status] : null,
      date(r.steps.aftaler.date),
      date(r.steps.referat.date),
      date(r.steps.redegoerelse.date),
      r.aftale?.title ?? null,
      r.late.map((l) => `${danishLabels.styringsdialogCheckpoint[l.checkpoint]} (frist ${l.due})`).join('; ') || null,
      r.notes || null,
    ]),
  };
}

export async function styringsdialogXlsx(year: number, rows: readonly Styringsdialog[], now = new Date()): Promise<{ fileName: string; bytes: Uint8Array }> {
  return { fileName: `Kredsbog Styringsdialog ${year} ${danishDate(now)}.xlsx`, bytes: await sheetToXlsx(styringsdialogSheet(year, rows)) };
}

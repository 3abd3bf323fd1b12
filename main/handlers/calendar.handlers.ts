import { meetingIcs, seriesIcs } from '../../db/calendar/calendar.ics';
import { importIcs, previewIcsImport } from '../../db/calendar/calendar.import';
import type { HandlersFor } from './handler.types';

const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const fromBase64 = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export const calendarHandlers: HandlersFor<'calendar'> = {
  'calendar.meetingIcs': async ({ meetingId, alarmMinutes }, { app }) => {
    const file = await meetingIcs(app.db, meetingId, { alarmMinutes });
    return { fileName: file.fileName, base64: toBase64(file.text) };
  },
  'calendar.seriesIcs': async ({ seriesId, alarmMinutes }, { app }) => {
    const file = await seriesIcs(app.db, seriesId, { alarmMinutes });
    return { fileName: file.fileName, base64: toBase64(file.text) };
  },
  'calendar.previewImport': async ({ fileName, base64 }, { app }) => previewIcsImport(app.db, fromBase64(base64), { fileName }),
  'calendar.import': async ({ fileName, base64, kommuneChoices }, { app }) => importIcs(app, fromBase64(base64), { fileName, kommuneChoices }),
};

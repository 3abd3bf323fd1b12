import { importIcsUpload, previewIcsUpload } from '../jobs/file-imports';
import type { HandlersFor } from './handler.types';
import { icsWriter } from './lazy-modules';

const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const calendarHandlers: HandlersFor<'calendar'> = {
  'calendar.meetingIcs': async ({ meetingId, alarmMinutes }, { app }) => {
    const { meetingIcs } = await icsWriter();
    const file = await meetingIcs(app.db, meetingId, { alarmMinutes });
    return { fileName: file.fileName, base64: toBase64(file.text) };
  },
  'calendar.seriesIcs': async ({ seriesId, alarmMinutes }, { app }) => {
    const { seriesIcs } = await icsWriter();
    const file = await seriesIcs(app.db, seriesId, { alarmMinutes });
    return { fileName: file.fileName, base64: toBase64(file.text) };
  },
  // Uploaded files are decoded and read in the job worker (server/jobs/file-imports.ts), never in the process that serves the window.
  'calendar.previewImport': async (input, { app, jobs }) => (jobs ? jobs.run('calendar.preview', input) : previewIcsUpload(app, input)),
  'calendar.import': async (input, { app, jobs }) => (jobs ? jobs.run('calendar.import', input) : importIcsUpload(app, input)),
};

import { aftalerHandlers } from './aftaler.handlers';
import { boligomraaderHandlers } from './boligomraader.handlers';
import { helhedsplanerHandlers } from './helhedsplaner.handlers';
import { appHandlers, dashboardHandlers, jobsHandlers, settingsHandlers, statsHandlers } from './app.handlers';
import { affiliationsHandlers, contactsHandlers } from './contacts.handlers';
import { duplicatesHandlers } from './duplicates.handlers';
import { appShellHandlers } from './app-shell.handlers';
import { backupsHandlers } from './backups.handlers';
import { calendarHandlers } from './calendar.handlers';
import { contactFilesHandlers } from './contact-files.handlers';
import { documentsHandlers } from './documents.handlers';
import { gdprHandlers } from './gdpr.handlers';
import type { HandlerTable } from './handler.types';
import { kommunerHandlers, kredseHandlers, regionsHandlers } from './kommuner.handlers';
import { agendaHandlers, attendanceHandlers, followUpsHandlers, meetingsHandlers, seriesHandlers } from './meetings.handlers';
import { organisationsHandlers } from './organisations.handlers';
import { contactLogHandlers, relationshipsHandlers } from './relationships.handlers';
import { searchHandlers } from './search.handlers';
import { styringsdialogHandlers } from './styringsdialog.handlers';
import { syncHandlers } from './sync.handlers';

/** The one handler table, served over Electron IPC by main and over HTTP by the browser host. */
export const handlers: HandlerTable = {
  ...appHandlers,
  ...jobsHandlers,
  ...settingsHandlers,
  ...statsHandlers,
  ...dashboardHandlers,
  ...regionsHandlers,
  ...kredseHandlers,
  ...kommunerHandlers,
  ...organisationsHandlers,
  ...contactsHandlers,
  ...affiliationsHandlers,
  ...duplicatesHandlers,
  ...seriesHandlers,
  ...meetingsHandlers,
  ...agendaHandlers,
  ...attendanceHandlers,
  ...followUpsHandlers,
  ...syncHandlers,
  ...searchHandlers,
  ...documentsHandlers,
  ...calendarHandlers,
  ...contactFilesHandlers,
  ...gdprHandlers,
  ...backupsHandlers,
  ...appShellHandlers,
  ...relationshipsHandlers,
  ...contactLogHandlers,
  ...aftalerHandlers,
  ...boligomraaderHandlers,
  ...styringsdialogHandlers,
  ...helhedsplanerHandlers,
};

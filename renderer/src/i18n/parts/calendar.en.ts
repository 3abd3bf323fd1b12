import type { Messages } from '../da';

export const icsEn: Messages['ics'] = {
  meetingButton: 'Add to Outlook (.ics)',
  seriesButton: 'Whole series to Outlook (.ics)',
  preparing: 'Making calendar file …',
  downloaded: 'The calendar file {{file}} has been downloaded. Open it and Outlook adds the meeting to your calendar.',
  title: 'Import from Outlook (.ics)',
  intro: 'Choose a calendar file from Outlook. You first see what happens to each appointment – nothing changes until you press Import.',
  chooseFile: 'Choose .ics file',
  reading: 'Reading the file …',
  previewTitle: 'Preview',
  summary: '{{new}} new · {{update}} changed · {{cancel}} cancelled · {{unchanged}} unchanged · {{rejected}} rejected',
  nothingToDo: 'Nothing to import: every appointment in the file already exists or is rejected.',
  columns: { kind: 'Action', when: 'Time', title: 'Appointment', place: 'Place', details: 'Details' },
  kinds: { new: 'New', update: 'Changes', unchanged: 'Unchanged', cancel: 'Cancelled', rejected: 'Rejected' },
  fields: { title: 'Title', starts_at: 'Start', ends_at: 'End', place: 'Place', status: 'Status', notes: 'Notes' },
  empty: '(empty)',
  doImport: 'Import',
  importing: 'Importing …',
  imported: 'Import complete: {{created}} new, {{updated}} changed and {{cancelled}} cancelled meetings.',
  importLink: 'Import from Outlook (.ics)',
};

import {
  createFollowUp,
  deleteFollowUp,
  getFollowUp,
  listFollowUps,
  pageFollowUps,
  restoreFollowUp,
  setFollowUpStatus,
  saveFollowUp,
} from '../../db/follow-ups/follow-ups.repository';
import {
  addAgendaItem,
  closeMeeting,
  createMeeting,
  deleteAgendaItem,
  deleteMeeting,
  getMeeting,
  listMeetings,
  pageMeetings,
  moveAgendaItem,
  removeAttendance,
  restoreAgendaItem,
  restoreMeeting,
  setAttendance,
  saveAgendaText,
  updateAgendaItem,
  saveMeeting,
} from '../../db/meetings/meetings.repository';
import { archiveSeries, createSeries, deleteSeries, getSeries, listSeries, pageSeries, proposeNextMeeting, restoreSeries, updateSeries } from '../../db/meetings/series.repository';
import type { HandlersFor } from './handler.types';

export const seriesHandlers: HandlersFor<'series'> = {
  'series.list': async (input, { app }) => listSeries(app.db, input),
  'series.page': async ({ offset, limit, ...filter }, { app }) => pageSeries(app.db, filter, offset, limit),
  'series.get': async ({ id }, { app }) => getSeries(app.db, id),
  'series.create': async (input, { app }) => createSeries(app.db, input),
  'series.update': async ({ id, ...fields }, { app }) => updateSeries(app.db, id, fields),
  'series.archive': async ({ id, archived }, { app }) => archiveSeries(app.db, id, archived),
  'series.delete': async ({ id }, { app }) => deleteSeries(app.db, id),
  'series.restore': async ({ id }, { app }) => restoreSeries(app.db, id),
  'series.proposeNext': async ({ id }, { app }) => proposeNextMeeting(app.db, id),
};

export const meetingsHandlers: HandlersFor<'meetings'> = {
  'meetings.list': async (input, { app }) => listMeetings(app.db, input),
  'meetings.page': async ({ offset, limit, ...filter }, { app }) => pageMeetings(app.db, filter, offset, limit),
  'meetings.get': async ({ id }, { app }) => getMeeting(app.db, id),
  'meetings.create': async (input, { app }) => createMeeting(app.db, input),
  'meetings.update': async ({ id, ...changes }, { app }) => saveMeeting(app.db, id, changes),
  'meetings.close': async ({ id }, { app }) => closeMeeting(app.db, id),
  'meetings.delete': async ({ id }, { app }) => deleteMeeting(app.db, id),
  'meetings.restore': async ({ id }, { app }) => restoreMeeting(app.db, id),
};

export const agendaHandlers: HandlersFor<'agenda'> = {
  'agenda.add': async ({ meetingId, afterId, ...item }, { app }) => addAgendaItem(app.db, meetingId, item, afterId),
  'agenda.update': async ({ id, ...changes }, { app }) => updateAgendaItem(app.db, id, changes),
  'agenda.saveText': async ({ id, ...changes }, { app }) => saveAgendaText(app.db, id, changes),
  'agenda.move': async ({ id, afterId, beforeId }, { app }) => moveAgendaItem(app.db, id, afterId, beforeId),
  'agenda.delete': async ({ id }, { app }) => deleteAgendaItem(app.db, id),
  'agenda.restore': async ({ id }, { app }) => restoreAgendaItem(app.db, id),
};

export const attendanceHandlers: HandlersFor<'attendance'> = {
  'attendance.set': async ({ meetingId, contactId, status, role }, { app }) => setAttendance(app.db, meetingId, contactId, status, role),
  'attendance.remove': async ({ meetingId, contactId }, { app }) => removeAttendance(app.db, meetingId, contactId),
};

export const followUpsHandlers: HandlersFor<'followUps'> = {
  'followUps.list': async (input, { app }) => listFollowUps(app.db, input),
  'followUps.page': async ({ offset, limit, ...filter }, { app }) => pageFollowUps(app.db, filter, offset, limit),
  'followUps.get': async ({ id }, { app }) => getFollowUp(app.db, id),
  'followUps.create': async (input, { app }) => createFollowUp(app.db, input),
  'followUps.update': async ({ id, ...changes }, { app }) => saveFollowUp(app.db, id, changes),
  'followUps.setStatus': async ({ ids, status, closedInMeetingId }, { app }) => setFollowUpStatus(app.db, ids, status, closedInMeetingId ?? null),
  'followUps.delete': async ({ id }, { app }) => deleteFollowUp(app.db, id),
  'followUps.restore': async ({ id }, { app }) => restoreFollowUp(app.db, id),
};

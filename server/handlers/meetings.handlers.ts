import * as followUps from '../../db/follow-ups/follow-ups.repository';
import * as meetings from '../../db/meetings/meetings.repository';
import * as series from '../../db/meetings/series.repository';
import type { HandlersFor } from './handler.types';

export const seriesHandlers: HandlersFor<'series'> = {
  'series.list': async (input, { app }) => series.listSeries(app.db, input),
  'series.page': async ({ offset, limit, ...filter }, { app }) => series.pageSeries(app.db, filter, offset, limit),
  'series.get': async ({ id }, { app }) => series.getSeries(app.db, id),
  'series.create': async (input, { app }) => series.createSeries(app.db, input),
  'series.update': async ({ id, ...fields }, { app }) => series.updateSeries(app.db, id, fields),
  'series.archive': async ({ id, archived }, { app }) => series.archiveSeries(app.db, id, archived),
  'series.delete': async ({ id }, { app }) => series.deleteSeries(app.db, id),
  'series.restore': async ({ id }, { app }) => series.restoreSeries(app.db, id),
  'series.proposeNext': async ({ id }, { app }) => series.proposeNextMeeting(app.db, id),
};

export const meetingsHandlers: HandlersFor<'meetings'> = {
  'meetings.list': async (input, { app }) => meetings.listMeetings(app.db, input),
  'meetings.page': async ({ offset, limit, ...filter }, { app }) => meetings.pageMeetings(app.db, filter, offset, limit),
  'meetings.get': async ({ id }, { app }) => meetings.getMeeting(app.db, id),
  'meetings.create': async (input, { app }) => meetings.createMeeting(app.db, input),
  'meetings.update': async ({ id, ...changes }, { app }) => meetings.saveMeeting(app.db, id, changes),
  'meetings.close': async ({ id }, { app }) => meetings.closeMeeting(app.db, id),
  'meetings.delete': async ({ id }, { app }) => meetings.deleteMeeting(app.db, id),
  'meetings.restore': async ({ id }, { app }) => meetings.restoreMeeting(app.db, id),
};

export const agendaHandlers: HandlersFor<'agenda'> = {
  'agenda.add': async ({ meetingId, afterId, ...item }, { app }) => meetings.addAgendaItem(app.db, meetingId, item, afterId),
  'agenda.update': async ({ id, ...changes }, { app }) => meetings.updateAgendaItem(app.db, id, changes),
  'agenda.saveText': async ({ id, ...changes }, { app }) => meetings.saveAgendaText(app.db, id, changes),
  'agenda.move': async ({ id, afterId, beforeId }, { app }) => meetings.moveAgendaItem(app.db, id, afterId, beforeId),
  'agenda.delete': async ({ id }, { app }) => meetings.deleteAgendaItem(app.db, id),
  'agenda.restore': async ({ id }, { app }) => meetings.restoreAgendaItem(app.db, id),
};

export const attendanceHandlers: HandlersFor<'attendance'> = {
  'attendance.set': async ({ meetingId, contactId, status, role }, { app }) => meetings.setAttendance(app.db, meetingId, contactId, status, role),
  'attendance.remove': async ({ meetingId, contactId }, { app }) => meetings.removeAttendance(app.db, meetingId, contactId),
};

export const followUpsHandlers: HandlersFor<'followUps'> = {
  'followUps.list': async (input, { app }) => followUps.listFollowUps(app.db, input),
  'followUps.page': async ({ offset, limit, ...filter }, { app }) => followUps.pageFollowUps(app.db, filter, offset, limit),
  'followUps.get': async ({ id }, { app }) => followUps.getFollowUp(app.db, id),
  'followUps.create': async (input, { app }) => followUps.createFollowUp(app.db, input),
  'followUps.update': async ({ id, ...changes }, { app }) => followUps.saveFollowUp(app.db, id, changes),
  'followUps.setStatus': async ({ ids, status, closedInMeetingId }, { app }) => followUps.setFollowUpStatus(app.db, ids, status, closedInMeetingId ?? null),
  'followUps.delete': async ({ id }, { app }) => followUps.deleteFollowUp(app.db, id),
  'followUps.restore': async ({ id }, { app }) => followUps.restoreFollowUp(app.db, id),
};

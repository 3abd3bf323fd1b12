/** Danish UI text for the Kalender's week view with its time grid (pages/calendar/). The English twin is calendar-week.en.ts, typed from this. */
export const calendarWeekDa = {
  allDay: 'Hele dagen',
  times: 'Klokkeslæt',
  newMeetingOn: 'Nyt møde',
  weekNumber: 'Uge {{week}}',
};

/** Danish UI text for the Kalender's week view with its time grid (pages/calendar/). The English twin is calendar-week.en.ts, typed from this. */
export const calendarWeekDa = {
  allDay: 'Hele dagen',
  hour: 'Kl. {{hour}}',
  weekGrid: 'Uge {{week}}: {{from}} – {{to}}',
  monthGrid: '{{month}}',
  weekNumber: 'Uge {{week}}',
  meetingAt: '{{time}} {{title}}',
};

/** Danish UI text for calendar files (section "ics" of da.ts). The English twin is calendar.en.ts, typed from this. */
export const icsDa = {};

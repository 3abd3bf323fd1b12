/** Danish date, time and file fields (components/date-time-fields.component.tsx, file-choice.component.tsx). */
export const dateFieldDa = {
  datePlaceholder: 'dd.mm.åååå',
  dateHint: 'Dato som dd.mm.åååå, fx 24.12.2026. Pil op/ned flytter en dag.',
  timePlaceholder: 'tt:mm',
  timeHint: 'Klokkeslæt som tt:mm (24 timer), fx 14:30.',
  noFile: 'Ingen fil valgt',
};

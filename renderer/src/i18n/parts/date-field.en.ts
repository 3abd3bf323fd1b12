import type { dateFieldDa } from './date-field.da';

/** Dates stay Danish (dd.mm.åååå, 24-hour) in the English UI too: they are Danish facts. */
export const dateFieldEn: Record<keyof typeof dateFieldDa, string> = {
  datePlaceholder: 'dd.mm.yyyy',
  dateHint: 'Date as dd.mm.yyyy, e.g. 24.12.2026. Arrow up/down moves a day.',
  timePlaceholder: 'hh:mm',
  timeHint: 'Time as hh:mm (24-hour), e.g. 14:30.',
  noFile: 'No file chosen',
};

import { format, parseISO } from 'date-fns';
import { da } from 'date-fns/locale';

/** 2026-01-01 → "1. jan. 2026" (Danish, whatever the UI language: dates are Danish facts). */
export function formatDate(isoDate: string): string {
  return format(parseISO(isoDate), 'd. MMM yyyy', { locale: da });
}

import type { seriesListDa } from './series-list.da';

export const seriesListEn: Record<keyof typeof seriesListDa, string> = {
  organisation: 'Organisation',
  allOrganisations: 'All organisations',
  countAll: '{{count}} meeting series',
  withoutKommune: 'No municipality',
};

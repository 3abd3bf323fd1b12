/** Danish UI text for the paged Møderækker list (pages/series/series-list.page.tsx). The English twin is series-list.en.ts, typed from this. */
export const seriesListDa = {
  organisation: 'Organisation',
  allOrganisations: 'Alle organisationer',
  countAll: '{{count}} møderækker',
  withoutKommune: 'Uden kommune',
};

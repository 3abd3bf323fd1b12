/** Status shown without colour alone: styringsdialog per kommune on Overblik, the Danmarkskort legend, status badges. */
export const statusDa = {
  sdSummary: '{{held}} afholdt · {{planned}} planlagt · {{missing}} mangler',
  sdHeld: 'afholdt',
  sdPlanned: 'planlagt',
  sdMissing: 'mangler',
  sdOrganisations_one: '{{count}} boligorganisation',
  sdOrganisations_other: '{{count}} boligorganisationer',
  sdChip: '{{name}}: {{state}}',
  sdOnlyMissing: 'Kun kommuner hvor noget mangler',
  sdAllDone: 'Alle kommuner har holdt eller planlagt styringsdialog.',
  sdTotals: 'I alt: {{held}} afholdt, {{planned}} planlagt, {{missing}} mangler',
  mapMine: 'mine kredse (tyk kant)',
  mapLegendTitle: 'Forklaring',
};

import type { statusDa } from './status.da';

export const statusEn: Record<keyof typeof statusDa, string> = {
  sdSummary: '{{held}} held · {{planned}} planned · {{missing}} missing',
  sdHeld: 'held',
  sdPlanned: 'planned',
  sdMissing: 'missing',
  sdOrganisations_one: '{{count}} housing organisation',
  sdOrganisations_other: '{{count}} housing organisations',
  sdChip: '{{name}}: {{state}}',
  sdOnlyMissing: 'Only municipalities where something is missing',
  sdAllDone: 'Every municipality has held or planned its governance dialogue.',
  sdTotals: 'In all: {{held}} held, {{planned}} planned, {{missing}} missing',
  mapMine: 'my districts (thick border)',
  mapLegendTitle: 'Legend',
};

import { defaultReferatOptions, type Referat } from './referat.model';

/** Test-only: the issue-17 context of a styringsdialog dialogmøde in a helhedsplan's series. */
export const sampleContext: Pick<Referat, 'styringsdialog' | 'helhedsplaner'> = {
  styringsdialog: {
    year: 2026,
    aftaler: [
      {
        title: 'Styringsdialogaftale KAB 2026',
        status: 'gaeldende',
        statusText: 'Gældende',
        organisations: ['KAB'],
        periodText: '1. januar 2026 – 31. december 2026',
        goals: [
          { text: 'Færre fraflytninger i Ølby', indicator: 'Fraflytningsprocent <10 %', status: 'i_gang', statusText: 'I gang' },
          { text: 'Energirenovering & <b>tag</b>', indicator: '', status: 'naaet', statusText: 'Nået' },
        ],
      },
    ],
  },
  helhedsplaner: [{ name: 'Helhedsplan Ølby 2023–2026', periodText: '1. januar 2023 – 31. december 2026', indsatsomraader: ['Beskæftigelse', 'Uddannelse og livschancer'] }],
};

/** Test-only: a complete referat model without a database, for the pure renderers' tests. */
export function sampleReferat(overrides: Partial<Referat> = {}): Referat {
  return {
    meetingId: '6f1c2a4e-8b1d-4c3e-9a2b-1d2e3f4a5b6c',
    title: 'Styringsdialog',
    kommune: { name: 'Køge', label: 'Køge Kommune' },
    series: { title: 'Styringsdialog Køge 2026', kind: 'styringsdialog' },
    status: 'afholdt',
    date: '2026-11-24',
    dateText: 'tirsdag den 24. november 2026',
    timeText: 'kl. 9.00–11.00',
    whenText: 'tirsdag den 24. november 2026 kl. 9.00–11.00',
    place: 'Køge Rådhus',
    ordstyrer: { name: 'Marie Stjernqvist', roleLine: 'Borgmester, Køge Kommune' },
    referent: { name: 'Åse Løvgren', roleLine: 'Boligchef, Køge Kommune' },
    participants: [
      { name: 'Marie Stjernqvist', roleLine: 'Borgmester, Køge Kommune' },
      { name: 'Bjørn Ålund', roleLine: 'Direktør, KAB' },
    ],
    afbud: [{ name: 'Jørgen Æbelø', roleLine: null }],
    agenda: [
      { number: 1, kind: 'normal', title: 'Velkomst', presenter: 'Marie Stjernqvist', description: 'Kort velkomst.', minutes: 'Dagsordenen blev godkendt.', decision: '' },
      { number: 2, kind: 'normal', title: 'Styringsrapporten', presenter: '', description: '', minutes: 'Drøftelse af nøgletal.\nGod udvikling.', decision: 'Parterne følger op.' },
      { number: 3, kind: 'normal', title: 'Eventuelt', presenter: '', description: '', minutes: '', decision: '' },
    ],
    followUps: [
      { title: 'Send ventelistetal', owner: 'Bjørn Ålund', dueDate: '2026-12-01', dueText: '1. december 2026', status: 'aaben' },
      { title: 'Indkald til møde', owner: 'Søren Ærøskøbing', dueDate: null, dueText: null, status: 'aaben' },
    ],
    consultantName: 'Søren Ærøskøbing',
    styringsdialog: null,
    helhedsplaner: [],
    sections: defaultReferatOptions,
    ...overrides,
  };
}

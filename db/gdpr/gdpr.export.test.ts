import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { PersonData } from './gdpr.collect';
import { personDataFileName, personDataZipOf } from './gdpr.export';

const data: PersonData = {
  exportedAt: '2026-03-05T09:00:00.000Z',
  contact: { id: 'c1', name: 'Åse Kjærgård', emails: ['aase@koege.dk'], phones: [], notes: '', createdAt: '2026-01-01T08:00:00.000Z', updatedAt: '2026-01-01T08:00:00.000Z', deletedAt: null, erasedAt: null, mergedInto: null },
  roles: [{ id: 'r1', title: 'Direktør', kind: 'embedsmand', organisationId: null, organisationName: null, kommuneId: 'k', kommuneNavn: 'Køge', fromDate: null, toDate: null, deletedAt: null }],
  attendance: [{ id: 'a1', meetingId: 'm1', meetingTitle: 'Dialogmøde', startsAt: '2024-03-05T09:00:00.000Z', meetingStatus: 'afholdt', status: 'deltog', role: 'referent', deletedAt: null }],
  followUps: [{ id: 'f1', title: 'Send tal', details: '', dueDate: null, status: 'venter', deletedAt: null }],
  seriesMemberships: [],
  contactLog: [],
  styringsdialogSteps: [{ id: 's1', year: 2026, kommuneNavn: 'Køge', organisationName: 'KAB', step: 'Referat/aftale sendt', date: '2026-11-02', who: 'Åse, boligchef', notes: 'Åse ønsker referatet på mail.', deletedAt: null }],
  helhedsplanRoles: [{ id: 'h1', helhedsplanName: 'Helhedsplan Ølby', helhedsplanNotes: 'Åse er kontaktperson for skolen.', body: 'bestyrelse', title: 'Formand', fromDate: '2023-01-01', toDate: null, deletedAt: null }],
  mentions: [],
  history: [],
};

describe('the GDPR access export (writer stage)', () => {
  it('writes collected data as Danish CSVs with the shared labels, without a database', () => {
    const files = unzipSync(personDataZipOf(data, new Date('2026-03-05T09:00:00.000Z')));
    expect(Object.keys(files).sort()).toEqual(['LæsMig.txt', 'helhedsplaner.csv', 'historik.csv', 'indsigt.json', 'kontakt.csv', 'kontaktlog.csv', 'mødedeltagelse.csv', 'mødeserier.csv', 'omtaler.csv', 'opfølgningspunkter.csv', 'roller.csv', 'styringsdialog.csv']);
    expect(strFromU8(files['roller.csv']!)).toContain('Direktør;Embedsmand;;Køge');
    expect(strFromU8(files['mødedeltagelse.csv']!)).toContain('Dialogmøde;2024-03-05 10:00;Afholdt;Deltog;Referent;nej');
    // A status this version does not know (from a newer installation) is written as it is.
    expect(strFromU8(files['opfølgningspunkter.csv']!)).toContain('Send tal;;;venter;nej');
    // Free text of records linked to the person (a cycle that names them, a helhedsplan they sit in) is part of the indsigt.
    expect(strFromU8(files['styringsdialog.csv']!)).toContain('2026;Køge;KAB;Referat/aftale sendt;2026-11-02;Åse, boligchef;Åse ønsker referatet på mail.;nej');
    expect(strFromU8(files['helhedsplaner.csv']!)).toContain('Helhedsplan Ølby;Boligsocial bestyrelse;Formand;2023-01-01;;Åse er kontaktperson for skolen.;nej');
    expect(strFromU8(files['LæsMig.txt']!)).toContain('styringsdialog.csv');
  });

  it('names the file after the person and the Danish date, without characters file systems refuse', () => {
    expect(personDataFileName('Åse: "K/J"', new Date('2026-03-05T23:30:00.000Z'))).toBe('Indsigt Åse KJ 2026-03-06.zip');
  });
});

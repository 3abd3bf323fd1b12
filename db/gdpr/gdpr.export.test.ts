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
  styringsdialogSteps: [],
  helhedsplanRoles: [],
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
  });

  it('names the file after the person and the Danish date, without characters file systems refuse', () => {
    expect(personDataFileName('Åse: "K/J"', new Date('2026-03-05T23:30:00.000Z'))).toBe('Indsigt Åse KJ 2026-03-06.zip');
  });
});

import { describe, expect, it } from 'vitest';
import { danishInstant } from '../time';
import { meetingWhen, referatCollectionFileName, referatFileName, textParagraphs } from './referat.format';
import { sampleReferat } from './referat.sample';

describe('referat formatting', () => {
  it('writes the meeting time the Danish way, in Danish time across summer time', () => {
    expect(meetingWhen(danishInstant('2026-11-24', 9), danishInstant('2026-11-24', 11)).whenText).toBe('tirsdag den 24. november 2026 kl. 9.00–11.00');
    expect(meetingWhen(danishInstant('2026-06-30', 13, 30), null).whenText).toBe('tirsdag den 30. juni 2026 kl. 13.30');
    expect(meetingWhen('2026-03-29T22:30:00Z', null)).toMatchObject({ date: '2026-03-30', dateText: 'mandag den 30. marts 2026', timeText: 'kl. 0.30' });
  });

  it('names files safely and in Danish, without repeating the kommune', () => {
    expect(referatFileName(sampleReferat(), 'docx')).toBe('Referat 2026-11-24 Styringsdialog Køge.docx');
    expect(referatFileName(sampleReferat({ title: 'Møde i Køge: budget/plan "2027"?' }), 'pdf')).toBe('Referat 2026-11-24 Møde i Køge budget plan 2027.pdf');
    expect(referatFileName(sampleReferat({ title: 'Netværk\u0000 ..', kommune: null }), 'md')).toBe('Referat 2026-11-24 Netværk.md');
    expect(referatCollectionFileName({ title: 'Køge Kommune', periodText: '', helhedsplaner: [], referater: [sampleReferat({ date: '2026-03-10' }), sampleReferat()] }, 'docx')).toBe(
      'Referater 2026-03-10 til 2026-11-24 Køge Kommune.docx',
    );
  });

  it('splits free text into paragraphs of lines', () => {
    expect(textParagraphs('a\r\nb\n\n\n  \nc  \n')).toEqual([['a', 'b'], ['c']]);
    expect(textParagraphs('  \n ')).toEqual([]);
  });
});

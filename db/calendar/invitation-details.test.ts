import { describe, expect, it } from 'vitest';
import { kommunerData } from '../reference/kommuner.data';
import { agendaFromDescription, calAddressEmail, suggestKommune } from './invitation-details';

const kommuner = kommunerData.map((k) => ({ id: String(k.kode), navn: k.navn }));
const suggested = (...texts: string[]) => suggestKommune(texts, kommuner)?.navn ?? null;

describe('the agenda in an invitation', () => {
  it('reads a numbered list between other lines, with "." or ")"', () => {
    expect(agendaFromDescription('Kære alle\n\nDagsorden:\n1. Velkomst\n2) Økonomi\n   3.  Eventuelt  \n\nMvh Mette')).toEqual(['Velkomst', 'Økonomi', 'Eventuelt']);
  });

  it('ends the list at the first number out of order', () => {
    expect(agendaFromDescription('1. Velkomst\n2. Økonomi\n4. Forkert\n3. Eventuelt')).toEqual(['Velkomst', 'Økonomi']);
  });

  it('finds no agenda in one numbered line, a year or a list that does not start at 1', () => {
    expect(agendaFromDescription('1. Velkomst')).toEqual([]);
    expect(agendaFromDescription('2026. Årsmøde\n2027. Næste')).toEqual([]);
    expect(agendaFromDescription('2. Økonomi\n3. Eventuelt')).toEqual([]);
    expect(agendaFromDescription('')).toEqual([]);
  });
});

describe('the kommune an invitation names', () => {
  it('finds a kommune in SUMMARY before LOCATION, and one followed by "Kommune" first', () => {
    expect(suggested('Styringsdialog 2026 – KAB og Køge Kommune', 'Roskilde, mødelokale 2')).toBe('Køge');
    expect(suggested('Netværksmøde', 'Aarhus Rådhus')).toBe('Aarhus');
    expect(suggested('Møde i Odense om Københavns Kommune', '')).toBe('København');
  });

  it('folds æøå and aa the Danish way', () => {
    expect(suggested('Styringsdialog i Koege', '')).toBe('Køge');
    expect(suggested('Besøg i Århus', '')).toBe('Aarhus');
    expect(suggested('HOEJE-TAASTRUP Kommune', '')).toBe('Høje-Taastrup');
  });

  it('takes a lower-case word only when "Kommune" follows, so a road is not Vejen', () => {
    expect(suggested('Vi mødes på vejen', 'ved rundkørslen')).toBeNull();
    expect(suggested('møde med vejen kommune', '')).toBe('Vejen');
    expect(suggested('Intet sted', '')).toBeNull();
  });
});

describe('an address from an ATTENDEE', () => {
  it('reads mailto: in any case and refuses what is no address', () => {
    expect(calAddressEmail('MAILTO:Jens.Hansen@KAB-bolig.dk')).toBe('jens.hansen@kab-bolig.dk');
    expect(calAddressEmail('conf_Big@example.com')).toBe('conf_big@example.com');
    expect(calAddressEmail('mailto:')).toBeNull();
    expect(calAddressEmail('urn:uuid:1234')).toBeNull();
    expect(calAddressEmail(undefined)).toBeNull();
  });
});

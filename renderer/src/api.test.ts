import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n, switchLanguage } from './i18n/i18n';
import { ApiError, describeError } from './api';

describe('describeError: which message the user sees', () => {
  const da = createI18n('da').t;
  // English loads on demand (i18n.ts), as in the window.
  const english = createI18n('da');
  const en = (key: string) => english.t(key);
  beforeAll(() => switchLanguage(english, 'en'));
  const serverSentence = 'Sikkerhedskopien kredsbog-2026-01-01.sqlite findes ikke (længere).';

  it('shows the server\'s precise Danish sentence in the Danish UI', () => {
    expect(describeError(da, new ApiError({ code: 'NOT_FOUND', message: serverSentence }))).toBe(serverSentence);
    expect(describeError(da, new ApiError({ code: 'VALIDATION', message: 'Filen er ikke en kalenderfil.' }))).toBe('Filen er ikke en kalenderfil.');
    expect(describeError(da, new ApiError({ code: 'DISK_FULL', message: 'Disken med databasen (/data) er fuld.' }))).toBe('Disken med databasen (/data) er fuld.');
  });

  it('never lets a Danish server sentence into the English UI: the code\'s English sentence instead', () => {
    expect(describeError(en, new ApiError({ code: 'NOT_FOUND', message: serverSentence }))).toBe(en('errors.NOT_FOUND'));
    expect(describeError(en, new ApiError({ code: 'VALIDATION', message: 'Filen er ikke en kalenderfil.' }))).toBe(en('errors.VALIDATION'));
    expect(en('errors.NOT_FOUND')).not.toBe(da('errors.NOT_FOUND'));
  });

  it('never shows an INTERNAL or technical message (raw exception text), in either language', () => {
    const raw = new ApiError({ code: 'INTERNAL', message: "TypeError: Cannot read properties of undefined (reading 'id')" });
    expect(describeError(da, raw)).toBe(da('errors.INTERNAL'));
    expect(describeError(en, raw)).toBe(en('errors.INTERNAL'));
    expect(describeError(da, new ApiError({ code: 'UNKNOWN_CHANNEL', message: 'no handler for x.y' }))).toBe(da('errors.UNKNOWN_CHANNEL'));
    expect(describeError(da, new Error('Failed to fetch'))).toBe(da('errors.INTERNAL'));
  });

  it('gives the generic VALIDATION sentence when the details are field issues (they go onto the fields)', () => {
    const error = new ApiError({ code: 'VALIDATION', message: 'Ugyldigt input', issues: [{ path: ['name'], message: 'validation.required' }] });
    expect(describeError(da, error)).toBe(da('errors.VALIDATION'));
  });

  it('falls back to the code\'s sentence when the server sent no message', () => {
    expect(describeError(da, new ApiError({ code: 'CONFLICT', message: '  ' }))).toBe(da('errors.CONFLICT'));
  });
});

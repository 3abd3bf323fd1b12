import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../common/domain';
import { da } from './da';
import { en } from './en';

/** Danish first; English as the second language and the fallback for nothing. */
export function createI18n(language: Language = 'da'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { da: { translation: da }, en: { translation: en } },
    lng: language,
    fallbackLng: 'da',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** Translates a validation message key from a zod issue; unknown texts pass through. */
export function translateIssue(t: (key: string) => string, message: string): string {
  if (message.startsWith('validation.')) return t(message);
  return t('validation.invalid');
}

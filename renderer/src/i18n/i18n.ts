import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../common/domain';
import { da } from './da';

/**
 * Danish first; English as the second language and the fallback for nothing.
 * Only Danish is in the first bundle: English loads on demand (switchLanguage),
 * so the window does not parse a language it does not show.
 */
export function createI18n(language: Language = 'da'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { da: { translation: da } },
    lng: language,
    fallbackLng: 'da',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** Loads the language's texts when they are not loaded yet, then switches to it. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  if (language === 'en' && !instance.hasResourceBundle('en', 'translation')) instance.addResourceBundle('en', 'translation', (await import('./en')).en);
  await instance.changeLanguage(language);
}

/** Translates a validation message key from a zod issue; unknown texts pass through. */
export function translateIssue(t: (key: string) => string, message: string): string {
  if (message.startsWith('validation.')) return t(message);
  return t('validation.invalid');
}

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../api/client';
import vi from './vi.json';

export const SUPPORTED_LANGUAGES = ['vi', 'en'] as const satisfies readonly Lang[];
const STORAGE_KEY = 'hvs.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}

/** English is loaded only when someone picks it, so the Vietnamese-first shell stays small. */
const loadEnglish = async () => (await import('./en.json')).default;

export function isLang(value: unknown): value is Lang {
  return (SUPPORTED_LANGUAGES as readonly unknown[]).includes(value);
}

function storedLanguage(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : 'vi';
  } catch {
    return 'vi';
  }
}

async function ensureResources(lang: Lang): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    i18n.addResourceBundle('en', 'translation', await loadEnglish());
  }
}

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
}

/** Initialises i18next with the learner's saved language (Vietnamese by default). */
export async function initI18n(): Promise<void> {
  const lng = storedLanguage();
  await i18n.use(initReactI18next).init({
    lng,
    fallbackLng: 'vi',
    supportedLngs: SUPPORTED_LANGUAGES,
    resources: { vi: { translation: vi } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  await ensureResources(lng);
  await i18n.changeLanguage(lng);
  applyToDocument(lng);
}

/** Switches the interface language, remembers it on this device and updates `<html lang>`. */
export async function switchLanguage(lang: Lang): Promise<void> {
  await ensureResources(lang);
  await i18n.changeLanguage(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
  applyToDocument(lang);
}

export { i18n };

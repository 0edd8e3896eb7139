import { LANGUAGE_CODE_PATTERN, languageInfo } from '@hocvuso/domain';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../api/client';
import type accountVi from './sections/account.vi.json';
import type adminVi from './sections/admin.vi.json';
import type ambassadorsVi from './sections/ambassadors.vi.json';
import type assistantVi from './sections/assistant.vi.json';
import type authVi from './sections/auth.vi.json';
import type campaignsVi from './sections/campaigns.vi.json';
import type communityVi from './sections/community.vi.json';
import type coverageVi from './sections/coverage.vi.json';
import type playerVi from './sections/player.vi.json';
import type populationsVi from './sections/populations.vi.json';
import type reportsVi from './sections/reports.vi.json';
import type teachingVi from './sections/teaching.vi.json';
import vi from './vi.json';

const STORAGE_KEY = 'hvs.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The shell's strings plus those of the sections that pages load with their code (see loadSection).
    resources: {
      translation: typeof vi &
        typeof accountVi &
        typeof adminVi &
        typeof ambassadorsVi &
        typeof assistantVi &
        typeof authVi &
        typeof campaignsVi &
        typeof communityVi &
        typeof coverageVi &
        typeof playerVi &
        typeof reportsVi &
        typeof teachingVi &
        typeof populationsVi;
    };
  }
}

/** A translation file, loaded when its language is first chosen. */
type Bundle = () => Promise<{ default: object }>;

/**
 * The interface strings beyond the shell's Vietnamese, by language (docs/languages.md). Which languages a person may
 * choose is data (content/languages.yaml, GET /api/languages); a language here may translate only part of the
 * strings, and a language the api offers with no file here shows everything in Vietnamese: i18next falls back
 * to `vi` string by string.
 */
const SHELL: Record<string, Bundle> = {
  en: () => import('./en.json'),
  hmn: () => import('./hmn.json'),
};

/**
 * Strings of whole areas (the lesson player, the learner's account pages, the admin area, the sign-in pages, the
 * teaching studio) ship with those pages instead of with the shell: each section is a JSON file per language
 * under ./sections, merged into the one namespace; Vietnamese is required, the others optional.
 */
const SECTIONS = {
  assistant: {
    vi: () => import('./sections/assistant.vi.json'),
    en: () => import('./sections/assistant.en.json'),
  },
  account: {
    vi: () => import('./sections/account.vi.json'),
    en: () => import('./sections/account.en.json'),
    hmn: () => import('./sections/account.hmn.json'),
  },
  admin: {
    vi: () => import('./sections/admin.vi.json'),
    en: () => import('./sections/admin.en.json'),
  },
  ambassadors: {
    vi: () => import('./sections/ambassadors.vi.json'),
    en: () => import('./sections/ambassadors.en.json'),
  },
  auth: {
    vi: () => import('./sections/auth.vi.json'),
    en: () => import('./sections/auth.en.json'),
  },
  campaigns: {
    vi: () => import('./sections/campaigns.vi.json'),
    en: () => import('./sections/campaigns.en.json'),
  },
  community: {
    vi: () => import('./sections/community.vi.json'),
    en: () => import('./sections/community.en.json'),
  },
  coverage: {
    vi: () => import('./sections/coverage.vi.json'),
    en: () => import('./sections/coverage.en.json'),
  },
  player: {
    vi: () => import('./sections/player.vi.json'),
    en: () => import('./sections/player.en.json'),
    hmn: () => import('./sections/player.hmn.json'),
  },
  reports: {
    vi: () => import('./sections/reports.vi.json'),
    en: () => import('./sections/reports.en.json'),
  },
  teaching: {
    vi: () => import('./sections/teaching.vi.json'),
    en: () => import('./sections/teaching.en.json'),
  },
  populations: {
    vi: () => import('./sections/populations.vi.json'),
    en: () => import('./sections/populations.en.json'),
  },
} satisfies Record<string, { vi: Bundle } & Record<string, Bundle>>;
export type Section = keyof typeof SECTIONS;
const loadedSections = new Set<Section>();
/** Bundles already merged in, as `<section>:<lang>` (the shell's as `shell:<lang>`). */
const addedBundles = new Set<string>();

async function addBundle(key: string, lang: Lang, load: Bundle | undefined): Promise<void> {
  if (!load || addedBundles.has(key)) return;
  const strings = (await load()).default;
  i18n.addResourceBundle(lang, 'translation', strings, true, false);
  addedBundles.add(key);
}

const addSection = (section: Section, lang: Lang) =>
  addBundle(`${section}:${lang}`, lang, (SECTIONS[section] as Record<string, Bundle | undefined>)[lang]);

/**
 * Loads a section's strings (Vietnamese, the fallback, and the current language) before its page renders.
 * Call it from a route's `lazy` next to the page's own import, so both download in parallel.
 */
export async function loadSection(section: Section): Promise<void> {
  loadedSections.add(section);
  const current = isLang(i18n.language) ? i18n.language : 'vi';
  await Promise.all([...new Set<Lang>(['vi', current])].map((lang) => addSection(section, lang)));
}

/** A language code as content/languages.yaml writes them (whether it is offered is the api's list). */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && value.length <= 35 && LANGUAGE_CODE_PATTERN.test(value);
}

/** Whether the web has its own strings for the shell in `lang` (Vietnamese always). */
export const hasInterfaceStrings = (lang: string): boolean => lang === 'vi' || lang in SHELL;

function storedLanguage(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : 'vi';
  } catch {
    return 'vi';
  }
}

async function ensureResources(lang: Lang): Promise<void> {
  if (lang !== 'vi') await addBundle(`shell:${lang}`, lang, SHELL[lang]);
  await Promise.all([...loadedSections].map((section) => addSection(section, lang)));
}

function applyToDocument(lang: Lang): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.documentElement.dir = languageInfo(lang)?.direction ?? 'ltr';
}

/** Initialises i18next with the learner's saved language (Vietnamese by default). */
export async function initI18n(): Promise<void> {
  const lng = storedLanguage();
  await i18n.use(initReactI18next).init({
    lng,
    // Any language the api offers; a string the language lacks (or a language with no file) shows in Vietnamese.
    fallbackLng: 'vi',
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

import { configuredLanguages, configureLanguages, type LanguageInfo } from '@hocvuso/domain';
import { queries } from '../api/queries';
import { useApiQuery } from '../api/use-api-query';
import { useLang } from './use-lang';

export interface Languages {
  /** Every configured language (GET /api/languages), or Vietnamese and English until it answers. */
  all: readonly LanguageInfo[];
  /** Those the interface may be shown in: the language switcher's and the profile's choices. */
  ui: readonly LanguageInfo[];
  /** Those course text may be written in: the catalogue filter's and the studio's choices. */
  content: readonly LanguageInfo[];
  /** The current interface language's entry, when it is configured. */
  current: LanguageInfo | undefined;
}

let applied: readonly LanguageInfo[] | undefined;

/** The languages as data (docs/languages.md); the web's registry follows the api's answer. */
export function useLanguages(): Languages {
  const lang = useLang();
  const { data } = useApiQuery(queries.languages());
  if (data && data.items !== applied) {
    try {
      configureLanguages(data.items);
    } catch {
      // A list the domain refuses (no Vietnamese) is never served by a started api; keep the built-in one.
    }
    applied = data.items;
  }
  const all = data?.items ?? configuredLanguages();
  return {
    all,
    ui: all.filter((l) => l.ui),
    content: all.filter((l) => l.content),
    current: all.find((l) => l.code === lang),
  };
}

/**
 * A language's name for a reader of `uiLang`: English or Vietnamese by the interface, and a language's own
 * name (its endonym) when it is the interface's language.
 */
export function languageLabel(language: LanguageInfo, uiLang: string): string {
  if (language.code === uiLang) return language.endonym;
  return uiLang === 'en' ? language.name.en : language.name.vi;
}

/** A function naming any language code for the current reader (the code itself for one not configured). */
export function useLanguageName(): (code: string) => string {
  const lang = useLang();
  const { all } = useLanguages();
  return (code) => {
    const known = all.find((l) => l.code === code);
    return known ? languageLabel(known, lang) : code;
  };
}

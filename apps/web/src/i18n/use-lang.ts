import { useTranslation } from 'react-i18next';
import type { Lang } from '../api/client';
import { isLang } from './i18n';

/**
 * The current interface language, as the api's `lang` parameter expects it: the one chosen, even where the web
 * has few strings of its own for it (course texts may exist in it; the api falls back to Vietnamese per text).
 */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return isLang(lang) ? lang : 'vi';
}

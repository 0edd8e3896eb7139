import { useTranslation } from 'react-i18next';
import type { Lang } from '../api/client';
import { isLang } from './i18n';

/** The current interface language, as the api's `lang` parameter expects it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLang(lang) ? lang : 'vi';
}

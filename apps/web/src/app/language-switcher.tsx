import { useTranslation } from 'react-i18next';
import type { Lang } from '../api/client';
import { switchLanguage } from '../i18n/i18n';
import { useLang } from '../i18n/use-lang';

/**
 * One small button that offers the other language, written in that language ("English" on the
 * Vietnamese pages, "Tiếng Việt" on the English ones), so its readers can find it.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLang();
  const other: Lang = current === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" className="lang-switch" lang={other} onClick={() => void switchLanguage(other)}>
      <svg className="lang-switch__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path
          d="M2.5 12h19M12 2.5c3 3.2 3 15.8 0 19M12 2.5c-3 3.2-3 15.8 0 19"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        />
      </svg>
      {t(`language.${other}`)}
    </button>
  );
}

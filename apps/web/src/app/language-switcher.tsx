import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/i18n';
import { useLang } from '../i18n/use-lang';
import { useLanguages } from '../i18n/use-languages';

/**
 * One small button per other interface language (content/languages.yaml, GET /api/languages), each written in
 * its own language ("English", "Lus Hmoob" on the Vietnamese pages; "Tiếng Việt" on the others), so its
 * readers can find it.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const lang = useLang();
  const offered = useLanguages().ui.filter((l) => l.code !== lang);
  return (
    <div className="lang-switch-group" role="group" aria-label={t('language.choose')}>
      {offered.map((language, i) => (
        <button
          key={language.code}
          type="button"
          className="lang-switch"
          lang={language.code}
          dir={language.direction}
          onClick={() => void switchLanguage(language.code)}
        >
          {i === 0 && (
            <svg className="lang-switch__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
              <path
                d="M2.5 12h19M12 2.5c3 3.2 3 15.8 0 19M12 2.5c-3 3.2-3 15.8 0 19"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              />
            </svg>
          )}
          {language.endonym}
        </button>
      ))}
    </div>
  );
}

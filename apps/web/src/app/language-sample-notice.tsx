import { useTranslation } from 'react-i18next';
import { useLanguages } from '../i18n/use-languages';

/**
 * While a language marked `sample-needs-native-review` in content/languages.yaml is chosen, every page says so,
 * in Vietnamese and in English (the languages its reviewers read), so nobody takes the sample for a finished
 * translation (docs/languages.md).
 */
export function LanguageSampleNotice() {
  const { t } = useTranslation();
  const { current } = useLanguages();
  if (current?.status !== 'sample-needs-native-review') return null;
  return (
    <p className="notice notice--warning language-sample-notice" role="note">
      <span aria-hidden="true">⚠ </span>
      <span lang="vi">{t('languageNotice.inVietnamese', { name: current.name.vi })}</span>{' '}
      <span lang="en">{t('languageNotice.inEnglish', { name: current.name.en })}</span>
    </p>
  );
}

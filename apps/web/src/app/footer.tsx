import { useTranslation } from 'react-i18next';

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container stack-sm">
        <p>{t('footer.about')}</p>
        <p>{t('footer.help')}</p>
      </div>
    </footer>
  );
}

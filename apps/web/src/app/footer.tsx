import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container stack-sm">
        <p>{t('footer.about')}</p>
        <p>{t('footer.help')}</p>
        <p>
          <Link to="/frameworks">{t('nav.frameworks')}</Link>
        </p>
      </div>
    </footer>
  );
}

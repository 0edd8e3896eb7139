import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../components/page-title';
import { adminAreas } from './admin-roles';

/** The admin start page: what each part of the admin area is for, one big link each. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  usePageTitle(t('admin.title'));
  const areas = adminAreas(me);
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.title')}</h1>
        <p className="lead">{t('admin.intro')}</p>
      </header>
      <ul className="card-list" role="list">
        {areas.map(({ key, path }) => (
          <li key={key} className="card stack-xs">
            <h2 className="card__title">
              <Link to={`/admin/${path}`}>{t(`admin.nav.${key}`)}</Link>
            </h2>
            <p>{t(`admin.areas.${key}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

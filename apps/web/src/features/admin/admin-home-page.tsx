import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session/session';
import { usePageTitle } from '../../components/page-title';
import { adminAreas, isAdmin } from './admin-areas';

/**
 * The admin start page: what each part of the admin area is for, one big link each. A community helper (no
 * administrator role) sees only their part, under a title that fits it.
 */
export function AdminHomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const admin = isAdmin(me);
  const title = admin ? t('admin.title') : t('admin.helperTitle');
  usePageTitle(title);
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{title}</h1>
        <p className="lead">{admin ? t('admin.intro') : t('admin.helperIntro')}</p>
      </header>
      <ul className="card-list" role="list">
        {adminAreas(me).map((area) => (
          <li key={area.key} className="card stack-xs">
            <h2 className="card__title">
              <Link to={area.path}>{t(`admin.nav.${area.key}`)}</Link>
            </h2>
            <p>{t(`admin.areas.${area.key}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

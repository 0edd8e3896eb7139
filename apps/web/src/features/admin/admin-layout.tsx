import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../../session/session';
import { usePageTitle } from '../../components/page-title';
import { SignedInOnly } from '../../components/signed-in-only';
import { adminAreaOf, adminAreas } from './admin-areas';
import '../../styles/back-office.css';

/**
 * The admin area: signed-in administrators and community helpers, each seeing only the parts their role
 * allows (ADMIN_AREAS), with its own small menu above every page of it.
 */
export function AdminLayout() {
  return (
    <SignedInOnly>
      <AdminArea />
    </SignedInOnly>
  );
}

function AdminArea() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { pathname } = useLocation();
  const areas = adminAreas(me);
  const here = adminAreaOf(pathname);
  if (areas.length === 0 || (here && !areas.includes(here))) return <NoAccess />;
  const links = [{ key: 'home', path: '/admin' } as const, ...areas];
  return (
    <div className="stack-lg">
      <nav className="subnav" aria-label={t('admin.navLabel')}>
        <ul className="subnav__list" role="list">
          {links.map(({ key, path }) => (
            <li key={path}>
              <NavLink to={path} end={path === '/admin'} className="subnav__link">
                {t(`admin.nav.${key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

/** For a signed-in person without an administrator role (or one asking for a page above their role). */
function NoAccess() {
  const { t } = useTranslation();
  usePageTitle(t('admin.noAccessTitle'));
  return (
    <section className="stack">
      <h1>{t('admin.noAccessTitle')}</h1>
      <p>{t('admin.noAccessBody')}</p>
    </section>
  );
}

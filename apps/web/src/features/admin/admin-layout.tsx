import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../components/page-title';
import { SignedInOnly } from '../../components/signed-in-only';
import { adminAreas, isAdmin } from './admin-roles';
import './admin.css';

/** The admin area: signed-in administrators only, with its own small menu above every admin page. */
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
  if (!isAdmin(me)) return <NoAccess />;
  const links = [
    ['/admin', 'home'] as const,
    ...adminAreas(me).map(({ key, path }) => [`/admin/${path}`, key] as const),
  ];
  return (
    <div className="stack-lg">
      <nav className="subnav" aria-label={t('admin.navLabel')}>
        <ul className="subnav__list" role="list">
          {links.map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end={to === '/admin'} className="subnav__link">
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
export function NoAccess() {
  const { t } = useTranslation();
  usePageTitle(t('admin.noAccessTitle'));
  return (
    <section className="stack">
      <h1>{t('admin.noAccessTitle')}</h1>
      <p>{t('admin.noAccessBody')}</p>
    </section>
  );
}

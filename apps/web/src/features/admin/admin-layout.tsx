import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../components/page-title';
import { SignedInOnly } from '../../components/signed-in-only';
import { isAdmin, isSystemAdmin } from './admin-roles';
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
  return (
    <div className="stack-lg">
      <nav className="subnav" aria-label={t('admin.navLabel')}>
        <ul className="subnav__list" role="list">
          <li>
            <NavLink to="/admin" end className="subnav__link">
              {t('admin.nav.home')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/learners" className="subnav__link">
              {t('admin.nav.learners')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/mandates" className="subnav__link">
              {t('admin.nav.mandates')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/imports" className="subnav__link">
              {t('admin.nav.imports')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/frameworks" className="subnav__link">
              {t('admin.nav.frameworks')}
            </NavLink>
          </li>
          {isSystemAdmin(me) && (
            <li>
              <NavLink to="/admin/mail-outbox" className="subnav__link">
                {t('admin.nav.mailOutbox')}
              </NavLink>
            </li>
          )}
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

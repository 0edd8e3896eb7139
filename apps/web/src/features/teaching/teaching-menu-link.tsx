import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../../app/session';
import { canUseStudio } from './teaching-access';

/** The account menu's "Dạy học" entry, shown to teachers and system administrators. */
export function TeachingMenuLink() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!canUseStudio(me)) return null;
  return (
    <li>
      <NavLink to="/teaching" className="account-menu__link">
        {t('nav.teaching')}
      </NavLink>
    </li>
  );
}

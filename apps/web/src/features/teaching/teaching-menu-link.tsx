import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useCan } from '../../session/capabilities';

/** The account menu's "Dạy học" entry, shown to whoever may use the teaching studio (`course.create`). */
export function TeachingMenuLink() {
  const { t } = useTranslation();
  const mayTeach = useCan('course.create');
  if (!mayTeach) return null;
  return (
    <li>
      <NavLink to="/teaching" className="account-menu__link">
        {t('nav.teaching')}
      </NavLink>
    </li>
  );
}

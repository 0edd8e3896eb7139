import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useCan } from '../../session/capabilities';

const REVIEWS = '/teaching/reviews';

/**
 * The account menu's teaching entries: "Dạy học" for whoever may use the studio (`course.create`) and
 * "Duyệt khóa học" (the review queue) for reviewers (`course.review`); a person with both roles sees both.
 * Each marks its own part of /teaching as current (the review pages are not the studio's).
 */
export function TeachingMenuLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mayTeach = useCan('course.create');
  const mayReview = useCan('course.review');
  const inStudio = pathname === '/teaching' || pathname.startsWith('/teaching/');
  const inReviews = pathname === REVIEWS || pathname.startsWith(`${REVIEWS}/`);
  return (
    <>
      {mayTeach && (
        <li>
          <Link
            to="/teaching"
            className="account-menu__link"
            aria-current={inStudio && !inReviews ? 'page' : undefined}
          >
            {t('nav.teaching')}
          </Link>
        </li>
      )}
      {mayReview && (
        <li>
          <NavLink to={REVIEWS} className="account-menu__link">
            {t('nav.reviews')}
          </NavLink>
        </li>
      )}
    </>
  );
}

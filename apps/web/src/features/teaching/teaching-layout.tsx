import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useSession } from '../../session/session';
import { usePageTitle } from '../../components/page-title';
import { SignedInOnly } from '../../components/signed-in-only';
import { canReview, canUseStudio } from './teaching-access';
import '../../styles/back-office.css';
import './teaching.css';

/** The teaching area: signed-in people only; each part below says who may use it. */
export function TeachingLayout() {
  return (
    <SignedInOnly>
      <Outlet />
    </SignedInOnly>
  );
}

/** The studio (my courses, a course's editor, learners and staff): teachers and system administrators. */
export function StudioArea() {
  const { me } = useSession();
  return canUseStudio(me) ? <Outlet /> : <NoAccess which="teaching" />;
}

/** The review queue and review pages: holders of `course.review` (the reviewer role). */
export function ReviewArea() {
  const { me } = useSession();
  return canReview(me) ? <Outlet /> : <NoAccess which="teaching.reviews" />;
}

function NoAccess({ which }: { which: 'teaching' | 'teaching.reviews' }) {
  const { t } = useTranslation();
  usePageTitle(t(`${which}.noAccessTitle`));
  return (
    <section className="stack">
      <h1>{t(`${which}.noAccessTitle`)}</h1>
      <p>{t(`${which}.noAccessBody`)}</p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useSession } from '../../session/session';
import { usePageTitle } from '../../components/page-title';
import { SignedInOnly } from '../../components/signed-in-only';
import { canUseStudio } from './teaching-access';
import '../../styles/back-office.css';
import './teaching.css';

/** The teaching studio: signed-in teachers (and system administrators) only. */
export function TeachingLayout() {
  return (
    <SignedInOnly>
      <TeachingArea />
    </SignedInOnly>
  );
}

function TeachingArea() {
  const { me } = useSession();
  return canUseStudio(me) ? <Outlet /> : <NoTeachingAccess />;
}

function NoTeachingAccess() {
  const { t } = useTranslation();
  usePageTitle(t('teaching.noAccessTitle'));
  return (
    <section className="stack">
      <h1>{t('teaching.noAccessTitle')}</h1>
      <p>{t('teaching.noAccessBody')}</p>
    </section>
  );
}

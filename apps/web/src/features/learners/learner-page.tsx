import type { AdminLearner } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { adminQueries } from '../../api/admin-queries';
import { isApiError } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { groupNames } from '../../components/group-names';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { useCan } from '../../session/capabilities';
import { ConfirmIdentityForm } from './confirm-identity-form';
import { InPersonLearningForm } from './in-person-learning-form';

/**
 * One learner of the administrator's area: who they are, where, their courses; and for those who confirm
 * face to face (capability identity.confirm) the forms to confirm VNeID level 2 and a bank account, and to
 * record learning done in person. Someone outside the area is "not found", as the api answers.
 */
export function LearnerPage() {
  const { t } = useTranslation();
  const { learnerId = '' } = useParams();
  const learner = useApiQuery(adminQueries.learner(learnerId));
  const mayConfirm = useCan('identity.confirm');
  usePageTitle(learner.data?.displayName ?? t('admin.learner.title'));

  if (isApiError(learner.error) && learner.error.status === 404)
    return <NotFound message={t('admin.learner.notFound')} />;

  return (
    <div className="stack-lg">
      <p>
        <Link to="/admin/learners">
          <span aria-hidden="true">← </span>
          {t('admin.learner.back')}
        </Link>
      </p>
      {learner.error !== undefined && <ErrorNotice error={learner.error} onRetry={learner.reload} />}
      {!learner.data && learner.error === undefined && <Loading />}
      {learner.data && (
        <>
          <LearnerFacts learner={learner.data} />
          {mayConfirm && (
            <>
              <ConfirmIdentityForm learner={learner.data} />
              <InPersonLearningForm learner={learner.data} />
            </>
          )}
        </>
      )}
    </div>
  );
}

function LearnerFacts({ learner }: { learner: AdminLearner }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <header className="stack-sm">
      <p className="eyebrow">{t('admin.learner.eyebrow')}</p>
      <h1>{learner.displayName}</h1>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('admin.learners.contact')}</dt>
          <dd>{[learner.email, learner.phone].filter(Boolean).join(', ') || t('admin.none')}</dd>
        </div>
        <div>
          <dt>{t('admin.learners.unit')}</dt>
          <dd>{learner.hasProfile ? (learner.unit ?? t('admin.none')) : t('admin.learners.noProfile')}</dd>
        </div>
        <div>
          <dt>{t('admin.learners.organisation')}</dt>
          <dd>{learner.organisation ?? t('admin.none')}</dd>
        </div>
        <div>
          <dt>{t('admin.learners.groups')}</dt>
          <dd>{formatList(groupNames(t, learner.targetGroups), lang) || t('admin.none')}</dd>
        </div>
        <div>
          <dt>{t('admin.learners.courses')}</dt>
          <dd>
            {t('admin.learners.coursesValue', { completed: learner.completed, enrolled: learner.enrolments })}
          </dd>
        </div>
      </dl>
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { communityQueries } from '../../api/ambassadors-api';
import { useApiQuery } from '../../api/use-api-query';
import { Loading } from '../../components/loading';
import { useLang } from '../../i18n/use-lang';
import { CommunityError } from './community-error';

/** The mentees who accepted, each with what the ambassador may see: name and course progress, nothing else. */
export function MenteeList() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useApiQuery(communityQueries.mentees(lang));
  return (
    <section className="panel stack-sm" aria-labelledby="amb-mentees">
      <h2 id="amb-mentees">{t('ambassadors.ambassador.menteesTitle')}</h2>
      {list.error !== undefined && <CommunityError error={list.error} />}
      {!list.data && list.error === undefined && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>{t('ambassadors.ambassador.noMentees')}</p>
        ) : (
          <ul className="card-list" role="list">
            {list.data.items.map((m) => (
              <li key={m.mentorshipId} className="card stack-xs">
                <h3 className="card__title">{m.displayName}</h3>
                {m.guided && (
                  <p>
                    <span aria-hidden="true">★ </span>
                    {t('ambassadors.ambassador.guided')}
                  </p>
                )}
                {m.courses.length === 0 ? (
                  <p className="muted">{t('ambassadors.ambassador.noCourses')}</p>
                ) : (
                  <ul className="stack-xs">
                    {m.courses.map((c) => (
                      <li key={c.courseId}>
                        <label className="stack-xs">
                          <span>
                            {c.title}:{' '}
                            {c.completed ? t('ambassadors.ambassador.completed') : `${c.progressPercent}%`}
                          </span>
                          <progress
                            max={100}
                            value={c.progressPercent}
                            aria-label={t('ambassadors.ambassador.courseProgress', { title: c.title })}
                          />
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

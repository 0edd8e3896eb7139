import type { CourseVersionNotice as Notice } from '@hocvuso/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { changedBy } from '../../api/queries';
import { useInvalidate } from '../../api/use-api-query';
import { useLang } from '../../i18n/use-lang';
import { ErrorNotice } from '../error-notice';
import { LiveMessage } from '../live-message';

interface CourseVersionNoticeProps {
  courseId: string;
  /** The newer version waiting for the learner (null: none, or they just moved). */
  notice: Notice | null;
  /** On a lesson page: one line and the button, with a link to the course page for the details. */
  compact?: boolean;
  /** The language of the course's own text (lesson titles). */
  textLang?: string;
}

type ListKey = 'added' | 'removed' | 'reread' | 'updated';
const LISTS: ListKey[] = ['reread', 'added', 'removed', 'updated'];

/**
 * "A newer version of this course exists": what it changes for this learner (lessons added, removed, to read
 * again after a major change, updated with credit kept) and one button to move (docs/crediting.md "Staying on
 * a version"). Until they move, they keep their version.
 */
export function CourseVersionNotice({
  courseId,
  notice,
  compact = false,
  textLang,
}: CourseVersionNoticeProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const navigate = useNavigate();
  const headingId = useId();
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [movedTo, setMovedTo] = useState<number>();
  const coursePath = `/courses/${encodeURIComponent(courseId)}`;

  async function onMove(target: Notice) {
    setMoving(true);
    setError(undefined);
    try {
      const moved = await api.moveVersion(courseId, target.versionId, lang);
      setMovedTo(moved.versionNo);
      invalidate(...changedBy.progress(courseId));
      // The lesson open here may be gone or changed in the new version: the course page shows where to go.
      if (compact) void navigate(coursePath);
    } catch (e) {
      setError(e);
    } finally {
      setMoving(false);
    }
  }

  return (
    <>
      <LiveMessage>{movedTo !== undefined && t('courseVersion.moved', { number: movedTo })}</LiveMessage>
      {notice && (
        <section className="notice notice--info version-notice" aria-labelledby={headingId}>
          {/* Before the lesson's own heading on a lesson page, so not a heading there. */}
          {compact ? (
            <p id={headingId} className="notice__title">
              {t('courseVersion.title', { number: notice.versionNo })}
            </p>
          ) : (
            <h2 id={headingId} className="notice__title version-notice__title">
              {t('courseVersion.title', { number: notice.versionNo })}
            </h2>
          )}
          <p>
            {notice.fromVersionNo === null
              ? t('courseVersion.stayUnnumbered')
              : t('courseVersion.stay', { number: notice.fromVersionNo })}
          </p>
          {!compact &&
            LISTS.filter((key) => notice[key].length > 0).map((key) => (
              <div key={key} className="stack-xs">
                <h3 className="version-notice__list-title">{t(`courseVersion.lists.${key}`)}</h3>
                <ul className="version-notice__list">
                  {notice[key].map((l) => (
                    <li key={l.id} lang={textLang}>
                      {l.title}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          <p>{t('courseVersion.credit')}</p>
          {error !== undefined && <ErrorNotice error={error} />}
          <p className="version-notice__actions">
            <button type="button" className="button" onClick={() => void onMove(notice)} disabled={moving}>
              {moving ? t('courseVersion.moving') : t('courseVersion.move', { number: notice.versionNo })}
            </button>
            {compact && <Link to={coursePath}>{t('courseVersion.details')}</Link>}
          </p>
        </section>
      )}
    </>
  );
}

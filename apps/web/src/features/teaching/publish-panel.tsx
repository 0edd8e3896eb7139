import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StudioDraft } from '@hocvuso/contracts';
import type { StudioCourse } from '../../api/teaching-api';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { courseStatus, detailState } from './course-status';
import { CourseStatusText } from './course-status-text';

interface PublishPanelProps {
  course: StudioCourse;
  /** The draft on the page (for the titles of the changed lessons). */
  draft: StudioDraft;
  /** Changed lessons marked as a major change. */
  major: ReadonlySet<string>;
  onMajorChange: (lessonId: string, major: boolean) => void;
  /** A reviewer approved exactly the saved draft, and nothing on the page is unsaved: it may be published. */
  approved: boolean;
  dirty: boolean;
  busy: boolean;
  publishing: boolean;
  result: { versionNo: number; changed: boolean } | null;
  error: unknown;
  onPublish: () => void;
  onUnpublish: () => void;
  resultRef?: Ref<HTMLDivElement>;
}

/**
 * Publishing: where the course stands, the button that publishes the approved draft (review is mandatory:
 * before approval the panel says so instead), the outcome with a link to the public course page, taking it
 * out of the catalogue again, and the versions published so far.
 */
export function PublishPanel(props: PublishPanelProps) {
  const { course, draft, major, onMajorChange, approved, dirty, busy, publishing, result, error } = props;
  const { onPublish, onUnpublish, resultRef } = props;
  const { t } = useTranslation();
  const lang = useLang();
  // Published lessons the saved draft changes: the teacher says whether each change is minor or major.
  const changed = dirty ? [] : course.publishedLessons.filter((l) => l.changed);
  const titleOf = (key: string) => {
    const lesson = draft.lessons.find((l) => l.key === key);
    const title = lesson ? (lesson.title[lang] ?? '').trim() || lesson.title.vi.trim() : '';
    return title || t('teaching.publish.untitledLesson', { key });
  };
  const [confirming, setConfirming] = useState(false);
  const state = detailState(course);
  const status = courseStatus(state);
  const publicHref = `/courses/${encodeURIComponent(course.id)}`;
  // Something the catalogue does not show yet: a course never published, or saved (or unsaved) changes.
  const toPublish = !course.published || dirty || state.unpublishedChanges;

  return (
    <section className="panel stack" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t('teaching.publish.heading')}</h2>
      <p>
        {t('teaching.publish.statusLabel')} <CourseStatusText status={status} />
      </p>
      <p className="field__hint">{t(dirty ? 'teaching.publish.hintDirty' : 'teaching.publish.hint')}</p>
      {toPublish && !approved && <p>{t('teaching.publish.needsApproval')}</p>}
      {result && (
        <div className="notice notice--success stack-xs" role="status" tabIndex={-1} ref={resultRef}>
          <p className="notice__title">
            <span aria-hidden="true">✓ </span>
            {t(result.changed ? 'teaching.publish.done' : 'teaching.publish.unchanged', {
              number: result.versionNo,
            })}
          </p>
          <p>
            <Link to={publicHref}>{t('teaching.publish.viewPublic')}</Link>
          </p>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      {changed.length > 0 && (
        <fieldset className="fieldset stack-xs">
          <legend className="fieldset__legend">{t('teaching.publish.changesLegend')}</legend>
          <p className="field__hint" id="publish-changes-hint">
            {t('teaching.publish.changesHint')}
          </p>
          {changed.map((l) => (
            <fieldset key={l.lessonId} className="fieldset" aria-describedby="publish-changes-hint">
              <legend className="fieldset__legend">{titleOf(l.key)}</legend>
              <div className="choices">
                {(['minor', 'major'] as const).map((level) => (
                  <div className="choice" key={level}>
                    <input
                      type="radio"
                      id={`change-${l.lessonId}-${level}`}
                      name={`change-${l.lessonId}`}
                      value={level}
                      checked={major.has(l.lessonId) === (level === 'major')}
                      disabled={busy}
                      onChange={() => onMajorChange(l.lessonId, level === 'major')}
                    />
                    <label htmlFor={`change-${l.lessonId}-${level}`}>
                      <span className="choice__title">{t(`teaching.publish.${level}`)}</span>
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
      )}
      <div className="button-grid">
        {toPublish && approved && (
          <button type="button" className="button button--large" disabled={busy} onClick={onPublish}>
            {publishing
              ? t('teaching.publish.publishing')
              : t(course.published ? 'teaching.publish.publishChanges' : 'teaching.publish.publish')}
          </button>
        )}
        {course.published && (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            {t('teaching.publish.unpublish')}
          </button>
        )}
      </div>
      {course.published && !result && (
        <p>
          <Link to={publicHref}>{t('teaching.publish.viewPublic')}</Link>
        </p>
      )}
      {course.versions.length > 0 && (
        <div className="stack-xs">
          <h3>{t('teaching.publish.versions')}</h3>
          <ul className="stack-xs">
            {course.versions.map((v) => (
              <li key={v.versionNo}>
                {t('teaching.version', { number: v.versionNo })} – {formatDateTime(v.createdAt, lang)}
                {v.current && <strong> ({t('teaching.publish.current')})</strong>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('teaching.publish.unpublishTitle')}
        confirmLabel={t('teaching.publish.unpublishConfirm')}
        cancelLabel={t('teaching.publish.unpublishCancel')}
        danger
        onConfirm={() => {
          setConfirming(false);
          onUnpublish();
        }}
        onCancel={() => setConfirming(false)}
        description={t('teaching.publish.unpublishBody')}
      />
    </section>
  );
}

import type { StudioDraft } from '@hocvuso/contracts';
import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type StudioCourse, teachingApi } from '../../api/teaching-api';
import { numberDetail } from '../../components/error-message';
import { ErrorNotice } from '../../components/error-notice';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { AudienceSection } from './audience-section';
import { CompetenciesSection } from './competencies-section';
import { ConflictNotice } from './conflict-notice';
import { useCourse } from './course-context';
import { CourseInfoSection } from './course-info-section';
import { normalizeDraft, sameDraft } from './draft-edit';
import {
  describeProblem,
  incompleteProblems,
  type ProblemTarget,
  saveProblems,
  shapeProblemTargets,
  validationProblems,
} from './draft-problems';
import { type FieldErrors, FieldErrorsContext } from './field-errors';
import { LessonsSection } from './lessons-section';
import { problemLabel } from './problem-label';
import { ProblemSummary } from './problem-summary';
import { PublishPanel } from './publish-panel';
import { QuizReview } from './quiz-review';
import { ReviewPanel } from './review-panel';
import { UnsavedChangesGuard } from './unsaved-changes-guard';
import { useFocusRequest } from './use-focus-request';
import { teachingChangedBy, teachingQueries } from '../../api/teaching-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';

/** The "content" tab: the draft editor for studio courses, a note for courses of the content files. */
export function CourseEditorPage() {
  const { t } = useTranslation();
  const { course, title, setCourse } = useCourse();
  usePageTitle(t('teaching.editor.pageTitle', { title }));
  if (!course.editable || !course.draft) {
    return (
      <section className="panel stack-sm" aria-labelledby="read-only-heading">
        <h2 id="read-only-heading">{t('teaching.editor.readOnlyHeading')}</h2>
        <p>{t('teaching.editor.readOnly')}</p>
      </section>
    );
  }
  return <DraftEditor key={course.id} course={course} draft={course.draft} setCourse={setCourse} />;
}

interface DraftEditorProps {
  course: StudioCourse;
  draft: NonNullable<StudioCourse['draft']>;
  setCourse: (course: StudioCourse) => void;
}

type Problems = { reason: 'save' | 'review' | 'publish'; targets: ProblemTarget[] };

/**
 * Edits the whole draft on the page and saves it whole with the revision it started from. Saving never
 * overwrites someone else's save silently (DRAFT_CONFLICT); submitting for review saves first; publishing is
 * offered only for the saved draft a reviewer approved; problems are listed with links to their fields and
 * shown on the fields themselves.
 */
function DraftEditor({ course, draft, setCourse }: DraftEditorProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [saved, setSaved] = useState({ revision: draft.revision, document: draft.document });
  const [doc, setDoc] = useState<StudioDraft>(draft.document);
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const invalidate = useInvalidate();
  const [status, setStatus] = useState('');
  const [problems, setProblems] = useState<Problems | null>(null);
  const [conflict, setConflict] = useState<{ currentRevision: number } | null>(null);
  const [error, setError] = useState<unknown>();
  const [publishError, setPublishError] = useState<unknown>();
  const [published, setPublished] = useState<{ versionNo: number; changed: boolean } | null>(null);
  const review = useApiQuery(teachingQueries.review(course.id));
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [reviewError, setReviewError] = useState<unknown>();
  /** Lessons the teacher marked as a major change (every other changed lesson is minor). */
  const [major, setMajor] = useState<ReadonlySet<string>>(new Set());
  const problemsRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const dirty = useMemo(() => !sameDraft(doc, saved.document), [doc, saved.document]);
  const busy = saving || publishing || submitting;

  const fieldErrors = useMemo<FieldErrors>(() => {
    const byId = new Map<string, string>();
    for (const p of problems?.targets ?? [])
      if (p.targetId && !byId.has(p.targetId)) byId.set(p.targetId, problemLabel(t, p));
    return {
      errorFor: (id) => byId.get(id),
      clear: (id) =>
        setProblems((current) => {
          if (!current?.targets.some((p) => p.targetId === id)) return current;
          const rest = current.targets.filter((p) => p.targetId !== id);
          return rest.length > 0 ? { ...current, targets: rest } : null;
        }),
    };
  }, [problems, t]);

  const focusLater = useFocusRequest();

  function showProblems(reason: Problems['reason'], targets: ProblemTarget[]) {
    setProblems({ reason, targets });
    focusLater(problemsRef);
  }

  const edit = useCallback((next: StudioDraft) => {
    setDoc(next);
    setPublished(null);
    setSubmitted(false);
  }, []);

  /** Saves the draft; resolves to the new revision, or undefined when it could not (the page says why). */
  async function save(fromRevision = saved.revision): Promise<number | undefined> {
    setError(undefined);
    setPublishError(undefined);
    const shape = saveProblems(doc);
    if (shape.length > 0) {
      showProblems('save', shapeProblemTargets(shape));
      setStatus(t('teaching.save.notSaved'));
      return undefined;
    }
    const sent = doc;
    const document = normalizeDraft(doc);
    setSaving(true);
    setStatus(t('teaching.save.saving'));
    try {
      const { revision } = await teachingApi.saveDraft(course.id, fromRevision, document);
      setSaved({ revision, document });
      // Keep whatever was typed while saving; only swap in the normalised text when nothing changed.
      setDoc((current) => (current === sent ? document : current));
      setProblems(null);
      setConflict(null);
      const updatedAt = new Date().toISOString();
      setCourse({ ...course, draft: { ...draft, revision, document, updatedAt } });
      setStatus(t('teaching.save.saved', { time: formatDateTime(updatedAt, lang) }));
      // Which published lessons the saved draft changes (the publish panel asks how much each changed).
      if (course.published) void refresh().catch(() => undefined);
      invalidate(teachingQueries.review(course.id).queryKey);
      return revision;
    } catch (e) {
      setStatus(t('teaching.save.notSaved'));
      if (isApiError(e) && e.code === 'DRAFT_CONFLICT') {
        setConflict({ currentRevision: numberDetail(e.details, 'currentRevision') ?? fromRevision });
        focusLater(conflictRef);
      } else if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        showProblems('save', shapeProblemTargets(validationProblems(e.details)));
      } else {
        setError(e);
      }
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await save();
  }

  async function refresh(): Promise<StudioCourse> {
    const fresh = await teachingApi.course(course.id);
    setCourse(fresh);
    return fresh;
  }

  /** Publishes the saved, approved draft (the panel offers it only then; the api checks it again). */
  async function publish() {
    setPublishError(undefined);
    setPublished(null);
    if (dirty) return;
    const revision = saved.revision;
    const changes = course.publishedLessons
      .filter((l) => l.changed)
      .map((l) => ({ lessonId: l.lessonId, change: major.has(l.lessonId) ? 'major' : 'minor' }) as const);
    setPublishing(true);
    try {
      const result = await teachingApi.publish(course.id, revision, changes);
      setMajor(new Set());
      invalidate(...teachingChangedBy.published());
      setProblems(null);
      setPublished(result);
      setStatus('');
      invalidate(teachingQueries.review(course.id).queryKey);
      await refresh().catch(() => undefined);
      focusLater(resultRef);
    } catch (e) {
      if (isApiError(e) && e.code === 'DRAFT_INCOMPLETE') {
        showProblems('publish', incompleteProblems(e.details).map(describeProblem));
        setStatus('');
      } else if (isApiError(e) && e.code === 'DRAFT_CONFLICT') {
        setConflict({ currentRevision: numberDetail(e.details, 'currentRevision') ?? revision });
        focusLater(conflictRef);
      } else setPublishError(e);
    } finally {
      setPublishing(false);
    }
  }

  /** Saves when needed, then sends the saved revision to a reviewer (the same problem list as publishing). */
  async function submitForReview() {
    setReviewError(undefined);
    setSubmitted(false);
    const revision = dirty ? await save() : saved.revision;
    if (revision === undefined) return;
    setSubmitting(true);
    try {
      await teachingApi.submitForReview(course.id, revision);
      setProblems(null);
      setSubmitted(true);
      invalidate(teachingQueries.review(course.id).queryKey);
    } catch (e) {
      if (isApiError(e) && e.code === 'DRAFT_INCOMPLETE') {
        showProblems('review', incompleteProblems(e.details).map(describeProblem));
        setStatus('');
      } else setReviewError(e);
    } finally {
      setSubmitting(false);
    }
  }

  async function unpublish() {
    setPublishError(undefined);
    setPublished(null);
    setPublishing(true);
    try {
      await teachingApi.unpublish(course.id);
      invalidate(...teachingChangedBy.published());
      await refresh();
      setStatus(t('teaching.publish.unpublished'));
    } catch (e) {
      setPublishError(e);
    } finally {
      setPublishing(false);
    }
  }

  async function reloadLatest() {
    setError(undefined);
    setSaving(true);
    try {
      const fresh = await refresh();
      if (fresh.draft) {
        setSaved({ revision: fresh.draft.revision, document: fresh.draft.document });
        setDoc(fresh.draft.document);
      }
      setConflict(null);
      setProblems(null);
      setStatus(t('teaching.conflict.reloaded'));
      focusLater(headingRef);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FieldErrorsContext.Provider value={fieldErrors}>
      <div className="stack-lg">
        <h2 ref={headingRef} tabIndex={-1} className="visually-hidden">
          {t('teaching.editor.heading')}
        </h2>
        {conflict && (
          <ConflictNotice
            ref={conflictRef}
            busy={busy}
            onReload={() => void reloadLatest()}
            onOverwrite={() => void save(conflict.currentRevision)}
          />
        )}
        {problems && problems.targets.length > 0 && (
          <ProblemSummary ref={problemsRef} reason={problems.reason} problems={problems.targets} />
        )}
        <form className="stack-lg" noValidate onSubmit={(e) => void onSubmit(e)}>
          <CourseInfoSection draft={doc} onChange={edit} />
          <AudienceSection draft={doc} onChange={edit} />
          <CompetenciesSection draft={doc} onChange={edit} />
          <LessonsSection
            draft={doc}
            publishedKeys={course.publishedLessons.map((l) => l.key)}
            onChange={edit}
          />
          <QuizReview draft={doc} />
          <div className="panel save-bar stack-sm">
            <p className={dirty ? 'status status--studio-changed' : 'muted'}>
              {dirty ? t('teaching.save.dirty') : t('teaching.save.clean')}
            </p>
            <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
              {status}
            </p>
            {error !== undefined && <ErrorNotice error={error} />}
            <button type="submit" className="button button--large" disabled={busy}>
              {saving ? t('teaching.save.saving') : t('teaching.save.submit')}
            </button>
          </div>
        </form>
        <ReviewPanel
          courseId={course.id}
          review={review.data}
          lessonTitle={(key) => doc.lessons.find((l) => l.key === key)?.title.vi.trim() || key}
          dirty={dirty}
          busy={busy}
          submitting={submitting}
          submitted={submitted}
          error={reviewError}
          onSubmit={() => void submitForReview()}
          onChanged={() => invalidate(teachingQueries.review(course.id).queryKey)}
        />
        <PublishPanel
          course={course}
          approved={!dirty && review.data?.status === 'approved'}
          dirty={dirty}
          busy={busy}
          publishing={publishing}
          result={published}
          error={publishError}
          resultRef={resultRef}
          draft={doc}
          major={major}
          onMajorChange={(lessonId, isMajor) =>
            setMajor((current) => {
              const next = new Set(current);
              if (isMajor) next.add(lessonId);
              else next.delete(lessonId);
              return next;
            })
          }
          onPublish={() => void publish()}
          onUnpublish={() => void unpublish()}
        />
      </div>
      <UnsavedChangesGuard dirty={dirty} />
    </FieldErrorsContext.Provider>
  );
}

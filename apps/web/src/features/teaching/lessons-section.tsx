import { MAX_QUIZ_LESSONS, type StudioDraft } from '@hocvuso/contracts';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveMessage } from '../../components/live-message';
import { ConfirmDialog } from '../../components/confirm-dialog';
import {
  addLesson,
  editorLanguages,
  type LessonKind,
  moveLesson,
  removeLesson,
  replaceLesson,
} from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { LessonEditor } from './lesson-editor';
import { quizProblems } from './quiz-edit';
import { FieldError } from '../../components/field-error';

interface LessonsSectionProps {
  draft: StudioDraft;
  /** Keys of the published lessons: a new lesson never takes one (a deleted lesson's key stays its own). */
  publishedKeys: readonly string[];
  onChange: (draft: StudioDraft) => void;
}

/**
 * The lessons in order: add a text, checklist or quiz lesson, edit each, move it up or down with buttons (no
 * dragging needed), delete it after confirming. Moves and deletions are announced, and focus follows them.
 */
export function LessonsSection({ draft, publishedKeys, onChange }: LessonsSectionProps) {
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const [message, setMessage] = useState<string>();
  const [deleting, setDeleting] = useState<number | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const langs = editorLanguages(draft);
  const competencies = draft.competencies.map((c) => `${c.framework}:${c.code}`);
  const problems = quizProblems(draft);
  const quizCount = draft.lessons.filter((l) => l.kind === 'quiz').length;
  const lessonsError = errorFor(fieldIds.addTextLesson);
  const nameOf = (i: number) =>
    draft.lessons[i]?.title.vi.trim() || t('teaching.lessons.lessonNumber', { n: i + 1 });

  function add(kind: LessonKind) {
    clear(fieldIds.addTextLesson);
    const index = draft.lessons.length;
    onChange(addLesson(draft, kind, publishedKeys));
    const added = (
      {
        text: 'teaching.lessons.addedText',
        quiz: 'teaching.lessons.addedQuiz',
        checklist: 'teaching.lessons.addedChecklist',
        document: 'teaching.lessons.addedDocument',
        video: 'teaching.lessons.addedVideo',
      } as const
    )[kind];
    setMessage(t(added, { n: index + 1 }));
    requestAnimationFrame(() => document.getElementById(fieldIds.lessonTitle(index, 'vi'))?.focus());
  }

  function move(index: number, delta: -1 | 1) {
    const name = nameOf(index);
    onChange(moveLesson(draft, index, delta));
    setMessage(t('teaching.lessons.moved', { title: name, n: index + delta + 1 }));
    // The same button of the moved lesson keeps focus, so pressing it again keeps moving that lesson.
    requestAnimationFrame(() =>
      document.getElementById(`lesson-${index + delta}-${delta < 0 ? 'up' : 'down'}`)?.focus(),
    );
  }

  function confirmDelete() {
    if (deleting === null) return;
    const name = nameOf(deleting);
    onChange(removeLesson(draft, deleting));
    setDeleting(null);
    setMessage(t('teaching.lessons.deleted', { title: name }));
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  return (
    <section className="panel stack" aria-labelledby="course-lessons-heading">
      <h2 id="course-lessons-heading" ref={headingRef} tabIndex={-1}>
        {t('teaching.lessons.sectionHeading')}
      </h2>
      <p className="field__hint">{t('teaching.lessons.hint')}</p>
      {draft.lessons.length === 0 ? (
        <p>{t('teaching.lessons.none')}</p>
      ) : (
        <ol className="lesson-list">
          {draft.lessons.map((lesson, i) => (
            <LessonEditor
              key={i}
              lesson={lesson}
              index={i}
              count={draft.lessons.length}
              langs={langs}
              competencies={competencies}
              quizProblems={problems.filter((p) => p.field.startsWith(`lessons.${i}.`))}
              onChange={(next) => onChange(replaceLesson(draft, i, next))}
              onMove={(delta) => move(i, delta)}
              onDelete={() => setDeleting(i)}
            />
          ))}
        </ol>
      )}
      {lessonsError && <FieldError id="lessons-error">{lessonsError}</FieldError>}
      <div className="button-grid">
        <button
          id={fieldIds.addTextLesson}
          type="button"
          className="button button--secondary"
          aria-describedby={lessonsError ? 'lessons-error' : undefined}
          disabled={draft.lessons.length >= 60}
          onClick={() => add('text')}
        >
          <span>
            <span aria-hidden="true">+ </span>
            {t('teaching.lessons.addText')}
          </span>
        </button>
        <button
          id="add-checklist-lesson"
          type="button"
          className="button button--secondary"
          disabled={draft.lessons.length >= 60}
          onClick={() => add('checklist')}
        >
          <span>
            <span aria-hidden="true">+ </span>
            {t('teaching.lessons.addChecklist')}
          </span>
        </button>
        <button
          id="add-quiz-lesson"
          type="button"
          className="button button--secondary"
          disabled={draft.lessons.length >= 60 || quizCount >= MAX_QUIZ_LESSONS}
          onClick={() => add('quiz')}
        >
          <span>
            <span aria-hidden="true">+ </span>
            {t('teaching.lessons.addQuiz')}
          </span>
        </button>
        <button
          id="add-document-lesson"
          type="button"
          className="button button--secondary"
          disabled={draft.lessons.length >= 60}
          onClick={() => add('document')}
        >
          <span>
            <span aria-hidden="true">+ </span>
            {t('teaching.lessons.addDocument')}
          </span>
        </button>
        <button
          id="add-video-lesson"
          type="button"
          className="button button--secondary"
          disabled={draft.lessons.length >= 60}
          onClick={() => add('video')}
        >
          <span>
            <span aria-hidden="true">+ </span>
            {t('teaching.lessons.addVideo')}
          </span>
        </button>
      </div>
      <LiveMessage tone="info">{message}</LiveMessage>
      <ConfirmDialog
        open={deleting !== null}
        title={t('teaching.lessons.deleteTitle', { title: deleting === null ? '' : nameOf(deleting) })}
        confirmLabel={t('teaching.lessons.deleteConfirm')}
        cancelLabel={t('teaching.lessons.deleteCancel')}
        danger
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
        description={t('teaching.lessons.deleteBody')}
      />
    </section>
  );
}

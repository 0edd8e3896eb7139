import type { DraftProblem, StudioLesson } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/text-field';
import { ChecklistItemsEditor } from './checklist-items-editor';
import { COURSE_ID_MAX } from './course-id';
import { DocumentLessonEditor } from './document-lesson-editor';
import { canMove, type Lang, parseMinutes, setText } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { LocalizedField } from './localized-field';
import { NarrationEditor } from './narration-editor';
import { QuizEditor } from './quiz-editor';
import { VideoLessonEditor } from './video-lesson-editor';

interface LessonEditorProps {
  lesson: StudioLesson;
  index: number;
  count: number;
  langs: readonly Lang[];
  /** The course's competencies (`framework:code`), the tags a quiz question may carry. */
  competencies: readonly string[];
  /** The quiz problems of this lesson (warnings included). */
  quizProblems: readonly DraftProblem[];
  onChange: (lesson: StudioLesson) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}

/** One lesson: its key and length, its title and text (checklist, or quiz) in each language, and its place. */
export function LessonEditor(props: LessonEditorProps) {
  const { lesson, index, count, langs, competencies, quizProblems, onChange, onMove, onDelete } = props;
  const { t } = useTranslation();
  const { errorFor, clear } = useFieldErrors();
  const n = index + 1;
  const name = lesson.title.vi.trim() || t('teaching.lessons.untitled');
  const keyId = fieldIds.lessonKey(index);
  const minutesId = fieldIds.lessonMinutes(index);
  const headingId = `lesson-${index}-heading`;
  const moveButton = (delta: -1 | 1) => {
    const possible = canMove(count, index, delta);
    return (
      <button
        id={`lesson-${index}-${delta < 0 ? 'up' : 'down'}`}
        type="button"
        className="button button--small button--secondary"
        aria-disabled={possible ? undefined : true}
        onClick={() => possible && onMove(delta)}
      >
        <span aria-hidden="true">{delta < 0 ? '↑ ' : '↓ '}</span>
        {t(delta < 0 ? 'teaching.lessons.moveUp' : 'teaching.lessons.moveDown')}
        <span className="visually-hidden"> {t('teaching.lessons.lessonNumber', { n })}</span>
      </button>
    );
  };

  return (
    <li className="card lesson-editor stack" aria-labelledby={headingId}>
      <div className="lesson-editor__head">
        <h3 className="lesson-editor__title" id={headingId}>
          {t('teaching.lessons.heading', { n, title: name })}
        </h3>
        <span className="tag">{t(`lessonKind.${lesson.kind}`)}</span>
      </div>
      <div className="two-fields">
        <TextField
          id={keyId}
          label={t('teaching.lessons.key')}
          hint={t('teaching.lessons.keyHint')}
          error={errorFor(keyId)}
          value={lesson.key}
          maxLength={COURSE_ID_MAX}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => {
            clear(keyId);
            onChange({ ...lesson, key: e.target.value.trim().toLowerCase() });
          }}
        />
        <TextField
          id={minutesId}
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          step={1}
          label={t('teaching.lessons.minutes')}
          error={errorFor(minutesId)}
          value={Number.isNaN(lesson.minutes) ? '' : String(lesson.minutes)}
          onChange={(e) => {
            clear(minutesId);
            onChange({ ...lesson, minutes: parseMinutes(e.target.value) });
          }}
        />
      </div>
      <LocalizedField
        idBase={`lesson-${index}-title`}
        label={t('teaching.lessons.title')}
        langs={langs}
        value={lesson.title}
        onChange={(lang, value) => onChange({ ...lesson, title: setText(lesson.title, lang, value) })}
        maxLength={200}
      />
      {lesson.kind === 'text' ? (
        <LocalizedField
          idBase={`lesson-${index}-body`}
          label={t('teaching.lessons.body')}
          hint={t('teaching.editor.markdownHint')}
          langs={langs}
          value={lesson.body}
          onChange={(lang, value) => onChange({ ...lesson, body: setText(lesson.body, lang, value) })}
          multiline
          rows={8}
          maxLength={50_000}
        />
      ) : lesson.kind === 'quiz' ? (
        <QuizEditor
          lesson={lesson}
          index={index}
          langs={langs}
          competencies={competencies}
          problems={quizProblems}
          onChange={onChange}
        />
      ) : lesson.kind === 'document' ? (
        <DocumentLessonEditor lesson={lesson} index={index} langs={langs} onChange={onChange} />
      ) : lesson.kind === 'video' ? (
        <VideoLessonEditor lesson={lesson} index={index} langs={langs} onChange={onChange} />
      ) : (
        <ChecklistItemsEditor lesson={lesson} index={index} langs={langs} onChange={onChange} />
      )}
      <NarrationEditor lesson={lesson} index={index} langs={langs} onChange={onChange} />
      <div className="button-row">
        {moveButton(-1)}
        {moveButton(1)}
        <button
          id={`lesson-${index}-delete`}
          type="button"
          className="button button--small button--secondary"
          onClick={onDelete}
        >
          {t('teaching.lessons.delete')}
          <span className="visually-hidden"> {n}</span>
        </button>
      </div>
    </li>
  );
}

import type { AdminLearner, InPersonLearning } from '@hocvuso/contracts';
import { vietnamDate } from '@hocvuso/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin-api';
import { isApiError } from '../../api/client';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { LiveMessage } from '../../components/live-message';
import { SelectField } from '../../components/select-field';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { useAllCourses } from '../../components/use-all-courses';
import { useFieldProblems } from '../../components/use-field-problems';
import { formatDueDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import {
  type InPersonField,
  type InPersonForm,
  inPersonProblems,
  NOTE_MAX,
  toInPersonInput,
} from './in-person-form';

const FIELD_TARGET: Record<InPersonField, string> = {
  courseId: 'in-person-course',
  on: 'in-person-on',
  note: 'in-person-note',
};

/** The api's codes this form explains next to a field. */
const FIELD_OF_CODE = {
  DATE_IN_FUTURE: 'on',
  COURSE_NOT_FOUND: 'courseId',
  LESSON_NOT_IN_COURSE: 'courseId',
} as const satisfies Record<string, InPersonField>;
const isFieldCode = (code: string): code is keyof typeof FIELD_OF_CODE => Object.hasOwn(FIELD_OF_CODE, code);

/**
 * Learning done in person (a class at the cultural house, a session with a helper): the course, optionally the
 * lesson, the day (not after today on the Vietnam calendar) and a note. The same person, course, lesson and
 * day are recorded once: a second submit says it was already recorded.
 */
export function InPersonLearningForm({ learner }: { learner: AdminLearner }) {
  const { t } = useTranslation();
  const lang = useLang();
  const courses = useAllCourses();
  const [form, setForm] = useState<InPersonForm>({ courseId: '', lessonId: '', on: '', note: '' });
  const course = useApiQuery(queries.course(form.courseId, lang), { enabled: form.courseId !== '' });
  const problems = useFieldProblems(FIELD_TARGET);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [recorded, setRecorded] = useState<InPersonLearning>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setRecorded(undefined);
    const found = inPersonProblems(form, new Date()).map(
      ([field, problem]) => [field, t(`admin.inPerson.problems.${problem}`)] as [InPersonField, string],
    );
    if (found.length > 0) return problems.show(found);
    problems.clearAll();
    setBusy(true);
    try {
      setRecorded(await adminApi.recordInPersonLearning(toInPersonInput(form, learner.id)));
    } catch (e) {
      if (isApiError(e) && isFieldCode(e.code))
        problems.show([[FIELD_OF_CODE[e.code], t(`admin.inPerson.errors.${e.code}`)]]);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  const lessons = form.courseId ? (course.data?.modules.flatMap((m) => m.lessons) ?? []) : [];
  const courseTitle = (id: string) => courses.data?.find((c) => c.id === id)?.title ?? id;

  return (
    <section className="stack" aria-labelledby="in-person-heading">
      <div className="stack-xs">
        <h2 id="in-person-heading">{t('admin.inPerson.heading')}</h2>
        <p className="muted">{t('admin.inPerson.intro', { name: learner.displayName })}</p>
      </div>
      <ErrorSummary
        problems={problems.summary}
        title={t('admin.inPerson.summary')}
        focusKey={problems.focusKey}
      />
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        {courses.error !== undefined && <ErrorNotice error={courses.error} onRetry={courses.reload} />}
        <SelectField
          id="in-person-course"
          label={t('admin.inPerson.course')}
          error={problems.problemOf('courseId')}
          value={form.courseId}
          onChange={(e) => {
            const courseId = e.target.value;
            problems.clear('courseId');
            setForm((f) => ({ ...f, courseId, lessonId: '' }));
          }}
          options={[
            { value: '', label: t('admin.inPerson.chooseCourse') },
            ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title })),
          ]}
        />
        <SelectField
          id="in-person-lesson"
          label={t('admin.inPerson.lesson')}
          value={form.lessonId}
          disabled={form.courseId === '' || !course.data}
          onChange={(e) => {
            const lessonId = e.target.value;
            setForm((f) => ({ ...f, lessonId }));
          }}
          options={[
            { value: '', label: t('admin.inPerson.wholeCourse') },
            ...lessons.map((l) => ({ value: l.id, label: l.title })),
          ]}
        />
        <TextField
          id="in-person-on"
          type="date"
          label={t('admin.inPerson.on')}
          hint={t('admin.inPerson.onHint')}
          error={problems.problemOf('on')}
          max={vietnamDate(new Date())}
          value={form.on}
          onChange={(e) => {
            const on = e.target.value;
            problems.clear('on');
            setForm((f) => ({ ...f, on }));
          }}
          required
        />
        <TextAreaField
          id="in-person-note"
          label={t('admin.inPerson.note')}
          hint={t('admin.inPerson.noteHint', { max: NOTE_MAX })}
          error={problems.problemOf('note')}
          rows={3}
          value={form.note}
          onChange={(e) => {
            const note = e.target.value;
            problems.clear('note');
            setForm((f) => ({ ...f, note }));
          }}
        />
        {error !== undefined && <ErrorNotice error={error} />}
        <LiveMessage tone={recorded && !recorded.created ? 'info' : 'success'}>
          {recorded &&
            t(recorded.created ? 'admin.inPerson.recorded' : 'admin.inPerson.alreadyRecorded', {
              course: courseTitle(recorded.courseId),
              date: formatDueDate(recorded.on, lang),
            })}
        </LiveMessage>
        <p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('admin.inPerson.saving') : t('admin.inPerson.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

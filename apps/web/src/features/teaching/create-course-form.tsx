import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { teachingApi } from '../../api/teaching-api';
import { ErrorNotice } from '../../components/error-notice';
import { TextField } from '../../components/text-field';
import { courseIdProblem, suggestSlug } from './course-id';
import { CourseIdField } from './course-id-field';
import { validationProblems } from './draft-problems';
import { teachingChangedBy } from '../../api/teaching-queries';
import { useInvalidate } from '../../api/use-api-query';

type Field = 'title' | 'id';

/**
 * A new studio course: a title, and an id suggested from it (diacritics folded, "Dùng Zalo" → "dung-zalo")
 * that the teacher may change until it is theirs. The id is the course's address and cannot change later.
 */
export function CreateCourseForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const titleRef = useRef<HTMLInputElement>(null);
  const idRef = useRef<HTMLInputElement>(null);

  function showErrors(next: Partial<Record<Field, string>>) {
    setErrors(next);
    // The first field with a problem takes focus; its error is read with it (aria-describedby).
    requestAnimationFrame(() => (next.title ? titleRef : idRef).current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = t('teaching.create.titleRequired');
    const idProblem = courseIdProblem(id);
    if (idProblem) found.id = t(`teaching.create.${idProblem}`);
    if (found.title || found.id) return showErrors(found);
    setErrors({});
    setSaving(true);
    try {
      await teachingApi.createCourse({ id, title: title.trim().normalize('NFC') });
      invalidate(...teachingChangedBy.course(id));
      void navigate(`/teaching/courses/${encodeURIComponent(id)}`, { state: { flash: 'courseCreated' } });
    } catch (e) {
      if (isApiError(e) && e.code === 'COURSE_ID_TAKEN') showErrors({ id: t('errors.COURSE_ID_TAKEN') });
      else if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
        const fields = validationProblems(e.details).map((p) => p.field);
        showErrors({
          ...(fields.includes('title') ? { title: t('teaching.create.titleRequired') } : {}),
          ...(fields.includes('id') ? { id: t('teaching.create.idFormat') } : {}),
        });
      } else setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="create-course-heading">
      <h2 id="create-course-heading">{t('teaching.create.heading')}</h2>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          ref={titleRef}
          id="new-course-title"
          label={t('teaching.create.titleLabel')}
          hint={t('teaching.create.titleHint')}
          error={errors.title}
          value={title}
          maxLength={200}
          autoComplete="off"
          required
          onChange={(e) => {
            setTitle(e.target.value);
            if (!idEdited) setId(suggestSlug(e.target.value));
            setErrors((x) => ({ ...x, title: undefined }));
          }}
        />
        <CourseIdField
          ref={idRef}
          id="new-course-id"
          label={t('teaching.create.idLabel')}
          hint={t('teaching.create.idHint')}
          error={errors.id}
          value={id}
          required
          onValue={(next, raw) => {
            setId(next);
            setIdEdited(raw !== '');
            setErrors((x) => ({ ...x, id: undefined }));
          }}
        />
        <p className="muted url-preview">{t('teaching.create.address', { path: `/courses/${id || '…'}` })}</p>
        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('teaching.create.saving') : t('teaching.create.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { type CourseCreatedFromFiles, courseExportUrl, teachingApi } from '../../api/teaching-api';
import { teachingChangedBy } from '../../api/teaching-queries';
import { useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { FileField } from '../../components/file-field';
import { useCan } from '../../session/capabilities';
import { courseIdProblem } from './course-id';
import { CourseIdField } from './course-id-field';

/**
 * Courses as files in the studio (docs/course-export.md): a course's "Xuất tệp (.zip)" link, a file course's
 * "Sao chép vào xưởng soạn", and "Nhập khóa học từ tệp" on My courses. A new course opens with what the studio
 * could not keep as it was (the api's notes, in words).
 */
const FLASH = 'courseFromFiles';
interface FromFilesState {
  flash: typeof FLASH;
  notes: CourseCreatedFromFiles['notes'];
}

/** The reason an archive was refused, naming its file when the api names one (`details.entry`). */
export function transferErrorText(t: TFunction, error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const code = error.code;
  const key = code.startsWith('VIDEO_')
    ? `teaching.videos.refusals.${code}`
    : /^(MATERIAL|AUDIO|NARRATION)_/.test(code)
      ? `errors.${code}`
      : `teaching.transfer.refusals.${code.startsWith('COURSE_ZIP_') && code !== 'COURSE_ZIP_TOO_LARGE' ? 'COURSE_ZIP' : code}`;
  const reason = t(key, { defaultValue: '' });
  if (!reason) return undefined;
  const entry = (error.details as { entry?: unknown } | undefined)?.entry;
  return typeof entry === 'string' ? t('teaching.transfer.refusedFile', { entry, reason }) : reason;
}

/** The course page's file actions: export for every course; copy into the studio for a file course. */
export function CourseFileActions({ courseId, source }: { courseId: string; source: 'content' | 'studio' }) {
  const { t } = useTranslation();
  const mayCreate = useCan('course.create');
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [copying, setCopying] = useState(false);
  const [error, setError] = useState<unknown>();

  async function copy() {
    setError(undefined);
    setCopying(true);
    try {
      const created = await teachingApi.copyToStudio(courseId);
      invalidate(...teachingChangedBy.course(created.id));
      const state: FromFilesState = { flash: FLASH, notes: created.notes };
      void navigate(`/teaching/courses/${encodeURIComponent(created.id)}`, { state });
    } catch (e) {
      setError(e);
    } finally {
      setCopying(false);
    }
  }

  return (
    <div className="stack-sm">
      <p className="button-row">
        <a className="button button--secondary" href={courseExportUrl(courseId)} download>
          <span aria-hidden="true">↓ </span>
          {t('teaching.transfer.export')}
        </a>
        {source === 'content' && mayCreate && (
          <button
            type="button"
            className="button button--secondary"
            disabled={copying}
            onClick={() => void copy()}
          >
            {copying ? t('teaching.transfer.copying') : t('teaching.transfer.copy')}
          </button>
        )}
      </p>
      {error !== undefined &&
        (transferErrorText(t, error) ? (
          <p className="notice notice--error" role="alert">
            {transferErrorText(t, error)}
          </p>
        ) : (
          <ErrorNotice error={error} />
        ))}
    </div>
  );
}

/** Shown on a course made from files: it was made, and what the studio could not keep as it was. */
export function CreatedFromFilesNotice() {
  const { t } = useTranslation();
  const state = useLocation().state as Partial<FromFilesState> | null;
  if (state?.flash !== FLASH) return null;
  const notes = state.notes ?? [];
  return (
    <div className="notice notice--success stack-xs" role="status">
      <p>
        <span aria-hidden="true">✓ </span>
        {t('teaching.transfer.created')}
      </p>
      {notes.length > 0 && (
        <>
          <p>{t('teaching.transfer.notesHeading')}</p>
          <ul>
            {notes.map((n) => (
              <li key={n.code}>
                {t(`teaching.transfer.notes.${n.code}`)}
                {n.lessons && n.lessons.length > 0 && ` (${n.lessons.join(', ')})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** "Nhập khóa học từ tệp": a .zip exported from Học vụ số (or a course folder, zipped) becomes a new draft. */
export function ImportCourseForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [file, setFile] = useState<File>();
  const [id, setId] = useState('');
  const [errors, setErrors] = useState<{ file?: string; id?: string }>({});
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const idRef = useRef<HTMLInputElement>(null);

  function showErrors(next: { file?: string; id?: string }) {
    setErrors(next);
    requestAnimationFrame(() => (next.file ? fileRef : idRef).current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const idProblem = id ? courseIdProblem(id) : undefined;
    const found = {
      ...(file ? {} : { file: t('teaching.transfer.fileRequired') }),
      ...(idProblem ? { id: t(`teaching.create.${idProblem}`) } : {}),
    };
    if (!file || found.id) return showErrors(found);
    setErrors({});
    setSending(true);
    try {
      const created = await teachingApi.importCourse(file, id || undefined);
      invalidate(...teachingChangedBy.course(created.id));
      const state: FromFilesState = { flash: FLASH, notes: created.notes };
      void navigate(`/teaching/courses/${encodeURIComponent(created.id)}`, { state });
    } catch (e) {
      if (isApiError(e) && e.code === 'COURSE_ID_TAKEN') showErrors({ id: t('errors.COURSE_ID_TAKEN') });
      else {
        const text = transferErrorText(t, e);
        if (text) showErrors({ file: text });
        else setError(e);
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="import-course-heading">
      <h2 id="import-course-heading">{t('teaching.transfer.importHeading')}</h2>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p>{t('teaching.transfer.importIntro')}</p>
        <FileField
          ref={fileRef}
          id="import-course-file"
          label={t('teaching.transfer.fileLabel')}
          error={errors.file}
          accept=".zip,application/zip"
          fileName={file?.name}
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setErrors((x) => ({ ...x, file: undefined }));
          }}
        />
        <CourseIdField
          ref={idRef}
          id="import-course-id"
          label={t('teaching.transfer.idLabel')}
          hint={t('teaching.transfer.idHint')}
          error={errors.id}
          value={id}
          onValue={(next) => {
            setId(next);
            setErrors((x) => ({ ...x, id: undefined }));
          }}
        />
        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button" disabled={sending}>
            {sending ? t('teaching.transfer.importing') : t('teaching.transfer.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

import type { StudioLesson } from '@hocvuso/contracts';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teachingApi } from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { errorMessage } from '../../components/error-message';
import { FileField } from '../../components/file-field';
import { LiveMessage } from '../../components/live-message';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useCourse } from './course-context';
import { type Lang, setText } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { optionsKeepingChoice } from './keep-choice';
import { LocalizedField } from './localized-field';

type DocumentLesson = Extract<StudioLesson, { kind: 'document' }>;

interface DocumentLessonEditorProps {
  lesson: DocumentLesson;
  index: number;
  langs: readonly Lang[];
  onChange: (lesson: DocumentLesson) => void;
}

/** Types a teacher may upload (the server checks the bytes; this only narrows the phone's file picker). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx';

/**
 * A document lesson: the course material learners open (chosen among this course's materials, or uploaded
 * here), what the document is, and an image's alt text (required before publishing). Learners download the
 * file as an attachment through the materials route.
 */
export function DocumentLessonEditor({ lesson, index, langs, onChange }: DocumentLessonEditorProps) {
  const { t } = useTranslation();
  const { course } = useCourse();
  const { errorFor, clear } = useFieldErrors();
  const invalidate = useInvalidate();
  const materials = useApiQuery(teachingQueries.materials(course.id));
  const items = materials.data?.items ?? [];
  const chosen = items.find((m) => m.id === lesson.materialId);
  const selectId = fieldIds.lessonMaterial(index);
  const uploadId = `lesson-${index}-upload`;
  const altId = `lesson-${index}-alt`;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [uploadError, setUploadError] = useState<string>();
  const [alt, setAlt] = useState<string | undefined>(undefined);
  /** The file just uploaded, by id, until the course's list of materials has it. */
  const [uploadedName, setUploadedName] = useState<string>();
  const altValue = alt ?? chosen?.altText ?? '';
  const isImage = chosen?.mediaType.startsWith('image/') ?? false;

  const refusal = (e: unknown) => errorMessage(t, e);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUploadError(undefined);
    setBusy(true);
    setMessage(t('teaching.documents.uploading', { name: file.name }));
    try {
      const uploaded = await teachingApi.uploadMaterial(course.id, file, file.name.normalize('NFC'));
      invalidate(teachingQueries.materials(course.id).queryKey);
      clear(selectId);
      setAlt(undefined);
      setUploadedName(uploaded.name);
      onChange({ ...lesson, materialId: uploaded.id });
      setMessage(t('teaching.documents.uploaded', { name: uploaded.name }));
    } catch (e) {
      setMessage(undefined);
      setUploadError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  async function saveAlt() {
    if (!chosen) return;
    setBusy(true);
    try {
      await teachingApi.setMaterialAltText(course.id, chosen.id, altValue);
      invalidate(teachingQueries.materials(course.id).queryKey);
      clear(selectId);
      setMessage(t('teaching.documents.altSaved'));
    } catch (e) {
      setMessage(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-sm">
      <SelectField
        id={selectId}
        label={t('teaching.documents.material')}
        hint={t('teaching.documents.materialHint')}
        error={errorFor(selectId)}
        value={lesson.materialId ?? ''}
        options={optionsKeepingChoice(
          [
            { value: '', label: t('teaching.documents.none') },
            ...items.map((m) => ({ value: m.id, label: m.name })),
          ],
          lesson.materialId,
          uploadedName ?? t('teaching.documents.justUploaded'),
        )}
        onChange={(e) => {
          clear(selectId);
          setAlt(undefined);
          onChange({ ...lesson, materialId: e.target.value || null });
        }}
      />
      <FileField
        id={uploadId}
        label={t('teaching.documents.upload')}
        hint={t('teaching.documents.uploadHint')}
        error={uploadError}
        accept={ACCEPT}
        onChange={(e) => void onFile(e)}
      />
      {isImage && (
        <div className="stack-xs">
          <TextField
            id={altId}
            label={t('teaching.documents.alt')}
            hint={t('teaching.documents.altHint')}
            value={altValue}
            maxLength={500}
            onChange={(e) => setAlt(e.target.value)}
          />
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={busy || !altValue.trim()}
            onClick={() => void saveAlt()}
          >
            {t('teaching.documents.altSave')}
          </button>
        </div>
      )}
      <LocalizedField
        idBase={`lesson-${index}-body`}
        label={t('teaching.documents.body')}
        langs={langs}
        value={lesson.body}
        onChange={(lang, value) => onChange({ ...lesson, body: setText(lesson.body, lang, value) })}
        multiline
        rows={3}
        maxLength={5_000}
      />
      <LiveMessage tone="info">{message}</LiveMessage>
    </div>
  );
}

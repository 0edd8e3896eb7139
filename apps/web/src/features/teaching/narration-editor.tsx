import type { StudioLesson } from '@hocvuso/contracts';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teachingApi } from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { errorMessage } from '../../components/error-message';
import { FileField } from '../../components/file-field';
import { LiveMessage } from '../../components/live-message';
import { formatSeconds } from '../../i18n/format';
import { useLanguageName } from '../../i18n/use-languages';
import { useCourse } from './course-context';
import type { Lang } from './draft-edit';
import { studioLanguageName } from './language-name';

interface NarrationEditorProps {
  lesson: StudioLesson;
  index: number;
  langs: readonly Lang[];
  onChange: (lesson: StudioLesson) => void;
}

/** What the phone's file picker offers (the server checks the bytes; this only narrows the list). */
const ACCEPT = '.mp3,.m4a,.ogg,.opus,.oga,audio/mpeg,audio/mp4,audio/ogg';

/**
 * The lesson's narration, one audio file per language of the course (docs/read-aloud.md "In the studio"): upload,
 * replace (upload another) or remove; the file is checked on the server (bytes, ffprobe, length, size) and the
 * draft then names it, saved with the lesson. A preview player plays what learners will hear once published.
 */
export function NarrationEditor({ lesson, index, langs, onChange }: NarrationEditorProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset stack-sm" aria-labelledby={`lesson-${index}-narration-legend`}>
      <legend className="fieldset__legend" id={`lesson-${index}-narration-legend`}>
        {t('teaching.narration.heading')}
      </legend>
      <p className="field__hint">{t('teaching.narration.hint')}</p>
      {langs.map((lang) => (
        <NarrationLanguage key={lang} lesson={lesson} index={index} lang={lang} onChange={onChange} />
      ))}
    </fieldset>
  );
}

function NarrationLanguage({
  lesson,
  index,
  lang,
  onChange,
}: {
  lesson: StudioLesson;
  index: number;
  lang: Lang;
  onChange: (lesson: StudioLesson) => void;
}) {
  const { t } = useTranslation();
  const { course } = useCourse();
  const invalidate = useInvalidate();
  const languageName = useLanguageName();
  const narrations = useApiQuery(teachingQueries.narrations(course.id));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const language = studioLanguageName(t, lang, languageName);
  const inputId = `lesson-${index}-narration-${lang}`;
  const currentId = lesson.audio?.[lang];
  const current = narrations.data?.items.find((n) => n.id === currentId);

  const withAudio = (id: string | undefined) => {
    const audio = { ...lesson.audio };
    if (id) audio[lang] = id;
    else delete audio[lang];
    return { ...lesson, audio };
  };

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setMessage(t('teaching.narration.checking', { name: file.name }));
    try {
      const uploaded = await teachingApi.uploadNarration(course.id, file, lang, file.name.normalize('NFC'));
      invalidate(teachingQueries.narrations(course.id).queryKey);
      onChange(withAudio(uploaded.id));
      setMessage(t('teaching.narration.attached', { name: uploaded.name, language }));
    } catch (e) {
      setMessage(undefined);
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  function remove() {
    onChange(withAudio(undefined));
    setError(undefined);
    setMessage(t('teaching.narration.removed', { language }));
  }

  return (
    <div className="stack-xs">
      <FileField
        id={inputId}
        label={t(currentId ? 'teaching.narration.replace' : 'teaching.narration.upload', { language })}
        hint={
          current
            ? t('teaching.narration.current', {
                name: current.name,
                length: formatSeconds(t, Math.round(current.durationSeconds)),
              })
            : t('teaching.narration.formats')
        }
        error={error}
        accept={ACCEPT}
        onChange={(e) => void onFile(e)}
      />
      {current && (
        <audio
          className="narration-preview"
          controls
          preload="none"
          src={current.url}
          aria-label={t('teaching.narration.preview', { language })}
        />
      )}
      {currentId && (
        <p>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={busy}
            onClick={remove}
          >
            {t('teaching.narration.remove', { language })}
          </button>
        </p>
      )}
      <LiveMessage tone="info">{message}</LiveMessage>
    </div>
  );
}

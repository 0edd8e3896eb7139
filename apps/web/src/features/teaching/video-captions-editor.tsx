import type { CaptionIssue, CourseVideo } from '@hocvuso/contracts';
import type { TFunction } from 'i18next';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { teachingApi } from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useInvalidate } from '../../api/use-api-query';
import { errorMessage } from '../../components/error-message';
import { FileField } from '../../components/file-field';
import { LiveMessage } from '../../components/live-message';
import { formatShare } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { useCourse } from './course-context';
import type { Lang } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { studioLanguageName } from './language-name';
import { useLanguageName } from '../../i18n/use-languages';

interface VideoCaptionsEditorProps {
  video: CourseVideo;
  index: number;
  langs: readonly Lang[];
}

/**
 * The captions of the lesson's video, one WebVTT file per language (Vietnamese always offered: publishing needs
 * it). A file is checked on the server against the video's duration; a refused file is listed problem by problem
 * with its line, and nothing is stored. A stored file can be replaced (pick another) or deleted.
 */
export function VideoCaptionsEditor({ video, index, langs }: VideoCaptionsEditorProps) {
  const { t } = useTranslation();
  const offered: Lang[] = ['vi', ...langs.filter((l) => l !== 'vi')];
  return (
    <fieldset className="fieldset stack-sm" aria-labelledby={`lesson-${index}-captions-legend`}>
      <legend className="fieldset__legend" id={`lesson-${index}-captions-legend`}>
        {t('teaching.captions.heading')}
      </legend>
      <p className="field__hint">{t('teaching.captions.hint')}</p>
      {offered.map((lang) => (
        <CaptionLanguage key={lang} video={video} index={index} lang={lang} />
      ))}
    </fieldset>
  );
}

function CaptionLanguage({ video, index, lang }: { video: CourseVideo; index: number; lang: Lang }) {
  const { t } = useTranslation();
  const uiLang = useLang();
  const { course } = useCourse();
  const invalidate = useInvalidate();
  const { errorFor, clear } = useFieldErrors();
  const languageName = useLanguageName();
  const inputId = fieldIds.lessonCaptions(index, lang);
  const current = video.captions.find((c) => c.language === lang);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [problems, setProblems] = useState<CaptionIssue[]>([]);
  const [error, setError] = useState<string>();
  const language = studioLanguageName(t, lang, languageName);
  const refresh = () => {
    invalidate(teachingQueries.videos(course.id).queryKey);
    invalidate(teachingQueries.video(course.id, video.id).queryKey);
  };

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setProblems([]);
    setError(undefined);
    setMessage(t('teaching.captions.checking', { name: file.name }));
    try {
      const stored = await teachingApi.putCaptions(course.id, video.id, lang, file);
      clear(inputId);
      refresh();
      setMessage(
        t('teaching.captions.stored', {
          language,
          cues: stored.cueCount,
          coverage: formatShare(stored.coverage, uiLang),
        }),
      );
    } catch (e) {
      setMessage(undefined);
      if (isApiError(e) && e.code === 'CAPTIONS_INVALID') {
        const details = e.details as { errors?: CaptionIssue[] } | undefined;
        setProblems(details?.errors ?? []);
        setError(t('teaching.captions.refused', { count: details?.errors?.length ?? 0 }));
      } else setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await teachingApi.removeCaptions(course.id, video.id, lang);
      refresh();
      setProblems([]);
      setMessage(t('teaching.captions.removed', { language }));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack-xs">
      <FileField
        id={inputId}
        label={t(current ? 'teaching.captions.replace' : 'teaching.captions.upload', { language })}
        hint={
          current
            ? t('teaching.captions.current', {
                cues: current.cueCount,
                coverage: formatShare(current.coverage, uiLang),
              })
            : t('teaching.captions.missing', { language })
        }
        error={error ?? errorFor(inputId)}
        accept=".vtt,text/vtt"
        onChange={(e) => void onFile(e)}
      />
      {problems.length > 0 && (
        <ul className="stack-xs" aria-label={t('teaching.captions.problemsLabel', { language })}>
          {problems.map((p, k) => (
            <li key={`${p.line}-${p.code}-${k}`}>{captionProblemText(t, p)}</li>
          ))}
        </ul>
      )}
      {current && (
        <p>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={busy}
            onClick={() => void remove()}
          >
            {t('teaching.captions.remove', { language })}
          </button>
        </p>
      )}
      <LiveMessage tone="info">{message}</LiveMessage>
    </div>
  );
}

/** "Dòng 12: …" in the interface language, by the validator's stable code (its English words otherwise). */
export function captionProblemText(t: TFunction, p: CaptionIssue): string {
  return t('teaching.captions.line', {
    line: p.line,
    text: t(`teaching.captions.codes.${p.code}`, { defaultValue: p.message }),
  });
}

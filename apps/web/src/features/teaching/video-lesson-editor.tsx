import type { CourseVideo } from '@hocvuso/contracts';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { LiveMessage } from '../../components/live-message';
import { SelectField } from '../../components/select-field';
import { useCourse } from './course-context';
import { type Lang, setText } from './draft-edit';
import { fieldIds } from './draft-problems';
import { useFieldErrors } from './field-errors';
import { optionsKeepingChoice } from './keep-choice';
import { LocalizedField } from './localized-field';
import { VideoCaptionsEditor } from './video-captions-editor';
import type { VideoLesson } from './video-lesson-edit';
import { VideoQuestionsEditor } from './video-questions-editor';
import { VideoUploadField } from './video-upload-field';

interface VideoLessonEditorProps {
  lesson: VideoLesson;
  index: number;
  langs: readonly Lang[];
  onChange: (lesson: VideoLesson) => void;
}

/** How often the studio asks how transcoding goes (the worker writes progress at each new percent). */
const POLL_MS = 2000;

/**
 * A video lesson (docs/video-pipeline.md, docs/captions.md): the course video learners watch (chosen among the
 * course's videos, or uploaded here over tus, resumable), its transcoding followed until it is ready and the
 * poster shown, its captions per language (checked line by line, Vietnamese required to publish), what learners
 * read under it, and the questions pinned in it.
 */
export function VideoLessonEditor({ lesson, index, langs, onChange }: VideoLessonEditorProps) {
  const { t } = useTranslation();
  const { course } = useCourse();
  const { errorFor, clear } = useFieldErrors();
  const invalidate = useInvalidate();
  const videos = useApiQuery(teachingQueries.videos(course.id));
  const items = videos.data?.items ?? [];
  const selectId = fieldIds.lessonVideo(index);
  const chosen = items.find((v) => v.id === lesson.videoId);
  const refreshVideos = useCallback(
    () => invalidate(teachingQueries.videos(course.id).queryKey),
    [invalidate, course.id],
  );

  function choose(videoId: string | null) {
    clear(selectId);
    onChange({ ...lesson, videoId });
  }

  return (
    <div className="stack-sm">
      <SelectField
        id={selectId}
        label={t('teaching.videos.video')}
        hint={t('teaching.videos.videoHint')}
        error={errorFor(selectId)}
        value={lesson.videoId ?? ''}
        options={optionsKeepingChoice(
          [
            { value: '', label: t('teaching.videos.none') },
            ...items.map((v) => ({
              value: v.id,
              label: `${v.name} (${t(`teaching.videos.status.${v.status}`)})`,
            })),
          ],
          lesson.videoId,
          t('teaching.videos.justUploaded'),
        )}
        onChange={(e) => choose(e.target.value || null)}
      />
      <VideoUploadField
        courseId={course.id}
        inputId={`lesson-${index}-video-upload`}
        onUploaded={(videoId) => {
          refreshVideos();
          choose(videoId);
        }}
      />
      {lesson.videoId && (
        <VideoState courseId={course.id} videoId={lesson.videoId} index={index} onSettled={refreshVideos} />
      )}
      {chosen && <VideoCaptionsEditor video={chosen} index={index} langs={langs} />}
      <LocalizedField
        idBase={`lesson-${index}-body`}
        label={t('teaching.videos.body')}
        hint={t('teaching.videos.bodyHint')}
        langs={langs}
        value={lesson.body}
        onChange={(lang, value) => onChange({ ...lesson, body: setText(lesson.body, lang, value) })}
        multiline
        rows={3}
        maxLength={5_000}
      />
      <VideoQuestionsEditor
        lesson={lesson}
        index={index}
        langs={langs}
        durationSeconds={chosen?.durationSeconds}
        onChange={onChange}
      />
    </div>
  );
}

interface VideoStateProps {
  courseId: string;
  videoId: string;
  index: number;
  /** Called once transcoding ends (ready or failed): the course's list of videos is out of date. */
  onSettled: () => void;
}

/** Where the chosen video stands: transcoding progress (asked again every 2 s), the poster once ready, or why it failed. */
function VideoState({ courseId, videoId, index, onSettled }: VideoStateProps) {
  const { t } = useTranslation();
  const video = useApiQuery(teachingQueries.video(courseId, videoId));
  const v: CourseVideo | undefined = video.data;
  const busy = v?.status === 'uploaded' || v?.status === 'transcoding';
  const { reload } = video;
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [busy, reload]);
  const status = v?.status;
  useEffect(() => {
    if (status === 'ready' || status === 'failed') onSettled();
  }, [status, onSettled]);
  if (!v) return null;
  const progressId = `lesson-${index}-transcode-progress`;
  return (
    <div className="stack-xs">
      {busy && (
        <>
          <label className="progress-label" htmlFor={progressId}>
            {t('teaching.videos.transcoding', { percent: v.progress })}
          </label>
          <progress id={progressId} className="progress" max={100} value={v.progress}>
            {v.progress} %
          </progress>
          <p className="hint">{t('teaching.videos.transcodingHint')}</p>
        </>
      )}
      <LiveMessage>
        {v.status === 'ready' ? t('teaching.videos.ready', { name: v.name }) : undefined}
      </LiveMessage>
      {v.status === 'ready' && (
        <>
          {v.urls.poster && (
            <img
              className="video-poster"
              src={v.urls.poster}
              alt={t('teaching.videos.posterAlt', { name: v.name })}
              width={v.width}
              height={v.height}
            />
          )}
        </>
      )}
      {v.status === 'failed' && (
        <p className="notice notice--error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('teaching.videos.failed', { name: v.name })}
        </p>
      )}
    </div>
  );
}

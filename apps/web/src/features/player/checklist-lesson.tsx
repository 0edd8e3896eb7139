import type { LessonActionResponse, LessonResponse } from '@hocvuso/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { changedBy } from '../../api/queries';
import { useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { useLang } from '../../i18n/use-lang';
import { LessonDone } from '../../components/lesson/lesson-done';

/** Ticks are saved this long after the last change, so quick ticking sends one request. */
const SAVE_DELAY_MS = 500;

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/**
 * A practice checklist: real checkboxes, saved shortly after each change (the full set every time, so a
 * retry or a late request can never lose a tick); ticking the last one completes the lesson.
 */
export function ChecklistLesson({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  const items = lesson.checklist?.items ?? [];
  const [ticked, setTicked] = useState(() => new Set(lesson.checklist?.ticked ?? []));
  const { saveState, error, result, save, retry } = useChecklistSaver(lesson.id, lesson.courseId);
  const completed = lesson.status === 'completed' || result?.status === 'completed';
  const justCompleted = lesson.status !== 'completed' && result?.status === 'completed';

  function toggle(index: number, checked: boolean) {
    const next = new Set(ticked);
    if (checked) next.add(index);
    else next.delete(index);
    setTicked(next);
    save([...next].sort((a, b) => a - b));
  }

  return (
    <section className="panel stack-sm" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{t('checklist.heading')}</h2>
      <fieldset className="checklist" aria-describedby="checklist-progress">
        <legend className="checklist__legend">{t('checklist.legend')}</legend>
        <ul className="checklist__items" role="list">
          {items.map((item, index) => (
            <li key={index} className="checklist__item">
              <input
                id={`checklist-item-${index}`}
                type="checkbox"
                checked={ticked.has(index)}
                onChange={(event) => toggle(index, event.target.checked)}
              />
              <label htmlFor={`checklist-item-${index}`} lang={lesson.language}>
                {item}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p id="checklist-progress" className="progress-label" role="status">
        {t('checklist.progress', { done: ticked.size, total: items.length })}
      </p>
      <p className="hint">
        {saveState === 'saving' && t('checklist.saving')}
        {saveState === 'saved' && t('checklist.saved')}
      </p>
      {saveState === 'error' && <ErrorNotice error={error} onRetry={retry} />}
      <div role="status">
        {justCompleted && (
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('checklist.allDone')}
          </p>
        )}
      </div>
      {completed && !justCompleted && (
        <p className="notice notice--success">
          <span aria-hidden="true">✓ </span>
          {t('player.alreadyDone')}
        </p>
      )}
      {completed && <LessonDone enrolment={result?.enrolment} fallbackNextId={lesson.nextLessonId} />}
    </section>
  );
}

/** Debounced, one-at-a-time saving of the ticked set; the newest set always wins. */
function useChecklistSaver(lessonId: string, courseId: string) {
  const lang = useLang();
  const invalidate = useInvalidate();
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<LessonActionResponse>();
  const latest = useRef<number[] | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const ticked = latest.current;
    if (!ticked) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    again.current = false;
    latest.current = undefined;
    if (mounted.current) setSaveState('saving');
    try {
      const response = await api.saveChecklist(lessonId, ticked, lang);
      invalidate(...changedBy.progress(courseId));
      if (mounted.current) {
        // Keep the first completion: unticking later does not undo a completed lesson on the server.
        setResult((previous) =>
          previous?.status === 'completed' ? { ...response, status: 'completed' } : response,
        );
        setSaveState('saved');
        setError(undefined);
      }
    } catch (e) {
      latest.current ??= ticked;
      if (mounted.current) {
        setError(e);
        setSaveState('error');
      }
      again.current = false;
    } finally {
      inFlight.current = false;
    }
    if (again.current) void flush();
  }, [lessonId, lang, courseId, invalidate]);

  const save = useCallback(
    (ticked: number[]) => {
      latest.current = ticked;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  // Leaving the page within the delay still saves the last change.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current !== undefined) void flush();
    };
  }, [flush]);

  return { saveState, error, result, save, retry: () => void flush() };
}

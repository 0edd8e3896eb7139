import type { VideoAnswerResult, VideoQuestionView } from '@hocvuso/contracts';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { QuestionField } from '../assessment';
import { clockTime } from './video-pins';

interface VideoQuestionDialogProps {
  question: VideoQuestionView;
  number: number;
  total: number;
  /** The language of the question texts. */
  lang: string;
  /**
   * Sends the answer; resolves with the stored result (the first answer, when this was a replay), or `queued`
   * when it was saved on the device to be graded at sync (offline).
   */
  submit: (answer: string | string[]) => Promise<VideoAnswerResult | 'queued'>;
  /** Esc or "Xem lại đoạn trước" before answering: close and move the video a little back. */
  onRewind: () => void;
  /** "Tiếp tục xem" after answering: close, focus back on the player. */
  onContinue: () => void;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * The question the video paused for, beside the video (never over it, so the captions stay readable on a
 * 360 px screen): a modal dialog that takes the focus, keeps Tab inside, and always lets the learner out with
 * Esc or "Xem lại đoạn trước". After the answer it shows right or wrong, the right answer and the explanation.
 */
export function VideoQuestionDialog(props: VideoQuestionDialogProps) {
  const { t } = useTranslation();
  const { question, number, total, lang, submit, onRewind, onContinue } = props;
  const headingId = useId();
  const hintId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLParagraphElement>(null);
  const [value, setValue] = useState<string | string[]>();
  const [result, setResult] = useState<VideoAnswerResult | 'queued' | null>(question.answer);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => heading.current?.focus(), [question.id]);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (result) onContinue();
      else onRewind();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    // A modal keeps Tab inside; Esc is always the way out.
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === heading.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const send = async () => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      setError(t('videoQuestions.chooseFirst'));
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      setResult(await submit(value));
    } catch (e) {
      setError(
        isApiError(e) && e.code === 'VIDEO_QUESTION_NOT_REACHED'
          ? t('videoQuestions.notReachedError')
          : t('videoQuestions.error'),
      );
    } finally {
      setSending(false);
    }
  };

  const textOf = (id: string) => question.options.find((o) => o.id === id)?.text ?? '';
  return (
    <div
      ref={dialog}
      className="video-question panel stack-sm"
      role="dialog"
      aria-modal="true"
      aria-labelledby={headingId}
      aria-describedby={hintId}
      onKeyDown={onKeyDown}
    >
      <h2 id={headingId} ref={heading} tabIndex={-1} className="video-question__heading">
        {t('videoQuestions.dialogHeading', { time: clockTime(question.at) })}
      </h2>
      <p id={hintId} className="hint">
        {t('videoQuestions.escHint')}
      </p>
      {result === 'queued' ? (
        <div className="stack-sm">
          <p ref={resultHeading} tabIndex={-1} className="notice">
            {t('videoQuestions.queued')}
          </p>
          <button type="button" className="button" onClick={onContinue}>
            {t('videoQuestions.continue')}
          </button>
        </div>
      ) : result ? (
        <div className="stack-sm">
          <p
            ref={resultHeading}
            tabIndex={-1}
            className={`notice ${result.correct ? 'notice--success' : 'notice--warning'}`}
            lang={lang}
          >
            <span aria-hidden="true">{result.correct ? '✓ ' : '✗ '}</span>
            <strong>{result.correct ? t('videoQuestions.right') : t('videoQuestions.wrong')}</strong>{' '}
            {t('videoQuestions.rightAnswer', { answer: result.correctOptionIds.map(textOf).join('; ') })}
          </p>
          <p lang={lang}>{result.explanation}</p>
          <button type="button" className="button" onClick={onContinue}>
            {t('videoQuestions.continue')}
          </button>
        </div>
      ) : (
        <form
          className="stack-sm"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <QuestionField
            question={{
              id: question.id,
              type: question.type,
              prompt: question.prompt,
              options: question.options,
            }}
            number={number}
            total={total}
            value={value}
            onChange={setValue}
            lang={lang}
          />
          <div role="alert" className="video-question__error">
            {error && <p className="notice notice--error">{error}</p>}
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={sending}>
              {sending ? t('videoQuestions.submitting') : t('videoQuestions.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={onRewind}>
              {t('videoQuestions.rewind')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

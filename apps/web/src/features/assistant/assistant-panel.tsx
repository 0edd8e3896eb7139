import type { AssistantAnswer } from '@hocvuso/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { assistantApi } from '../../api/assistant-api';
import { isApiError } from '../../api/client';
import { useLang } from '../../i18n/use-lang';
import './assistant.css';

const MAX_CHARS = 500;

interface Exchange {
  id: number;
  question: string;
  answer?: AssistantAnswer;
  error?: string;
}

/**
 * The assistant's panel: a question box and the answers so far, newest last. Answers are announced through a
 * polite live region; each cites the lessons it quotes, as links. Escape or "Đóng" closes it.
 */
export function AssistantPanel({
  id,
  courseId,
  onClose,
}: {
  id: string;
  courseId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = useId();
  const questionId = useId();
  const hintId = useId();
  const [question, setQuestion] = useState('');
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const next = useRef(1);

  useEffect(() => field.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = question.trim();
    if (!text || busy) return;
    const exchangeId = next.current++;
    setExchanges((list) => [...list, { id: exchangeId, question: text }]);
    setQuestion('');
    setBusy(true);
    try {
      const answer = await assistantApi.ask({ question: text, lang, ...(courseId ? { courseId } : {}) });
      setExchanges((list) => list.map((x) => (x.id === exchangeId ? { ...x, answer } : x)));
    } catch (e) {
      const error =
        isApiError(e) && e.status === 429
          ? t('assistant.rateLimited')
          : isApiError(e) && e.status === 400
            ? t('assistant.invalid')
            : t('assistant.failed');
      setExchanges((list) => list.map((x) => (x.id === exchangeId ? { ...x, error } : x)));
    } finally {
      setBusy(false);
      field.current?.focus();
    }
  }

  return (
    <section
      id={id}
      className="assistant panel stack-sm"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="assistant__head">
        <h2 id={headingId}>{t('assistant.heading')}</h2>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('assistant.close')}
        </button>
      </div>
      <p className="assistant__note">{t('assistant.note')}</p>

      <div className="assistant__log stack-sm" aria-live="polite" aria-busy={busy}>
        {exchanges.map((x) => (
          <div key={x.id} className="assistant__exchange stack-sm">
            <p className="assistant__question">
              <span className="visually-hidden">{t('assistant.you')}: </span>
              {x.question}
            </p>
            {x.error && (
              <p className="notice notice--error" role="alert">
                {x.error}
              </p>
            )}
            {!x.answer && !x.error && <p role="status">{t('assistant.thinking')}</p>}
            {x.answer && <Answer answer={x.answer} />}
          </div>
        ))}
      </div>

      <form className="assistant__form stack-sm" onSubmit={(e) => void submit(e)}>
        <label htmlFor={questionId}>{t('assistant.questionLabel')}</label>
        <textarea
          id={questionId}
          className="textarea"
          ref={field}
          rows={3}
          maxLength={MAX_CHARS}
          value={question}
          aria-describedby={hintId}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <p id={hintId} className="assistant__hint">
          {t('assistant.hint', { max: MAX_CHARS })}
        </p>
        <button type="submit" className="button" disabled={busy || question.trim().length < 2}>
          {t('assistant.ask')}
        </button>
      </form>
    </section>
  );
}

function Answer({ answer }: { answer: AssistantAnswer }) {
  const { t } = useTranslation();
  if (answer.fallback)
    return (
      <p className="assistant__answer assistant__answer--fallback">
        <span className="visually-hidden">{t('assistant.assistant')}: </span>
        {t('assistant.fallback')}
      </p>
    );
  return (
    <div className="assistant__answer stack-sm">
      <p className="assistant__text">
        <span className="visually-hidden">{t('assistant.assistant')}: </span>
        {answer.answer}
      </p>
      {answer.phrasedBy === 'model' && <p className="assistant__hint">{t('assistant.phrasedByModel')}</p>}
      <h3 className="assistant__sources">{t('assistant.sources')}</h3>
      <ul className="assistant__citations">
        {answer.citations.map((c) => (
          <li key={c.lessonId}>
            <Link to={c.url}>{c.title}</Link>
            <blockquote>{c.quote}</blockquote>
          </li>
        ))}
      </ul>
    </div>
  );
}

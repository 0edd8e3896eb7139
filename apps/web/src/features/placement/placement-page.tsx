import type { MyPathResponse, PlacementAttemptResponse } from '@hocvuso/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { placementApi, placementQueries } from '../../api/placement-api';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { apiPrefix } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { QuestionField } from '../assessment';

type Answers = Record<string, string | string[]>;

/**
 * The placement test: choose the group when the profile does not say, then one question per screen
 * ("Câu 3/10"), then the result page with the personal path.
 */
export function PlacementPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('placement.title'));
  const path = useApiQuery(placementQueries.myPath(lang), { fresh: true });
  const [attempt, setAttempt] = useState<PlacementAttemptResponse>();
  const openId = path.data?.openAttemptId ?? undefined;
  const open = useApiQuery(placementQueries.attempt(openId ?? '', lang), { enabled: !!openId && !attempt });
  const current = attempt ?? open.data;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('placement.title')}</h1>
        <p className="lead">{t('placement.intro')}</p>
      </header>
      {path.error !== undefined && <ErrorNotice error={path.error} onRetry={path.reload} />}
      {open.error !== undefined && <ErrorNotice error={open.error} onRetry={open.reload} />}
      {(!path.data || (openId && !current)) && path.error === undefined && open.error === undefined && (
        <Loading />
      )}
      {path.data && !openId && !attempt && <StartPanel path={path.data} onStarted={setAttempt} />}
      {current?.status === 'open' && <QuestionSteps attempt={current} />}
    </div>
  );
}

function StartPanel({
  path,
  onStarted,
}: {
  path: MyPathResponse;
  onStarted: (a: PlacementAttemptResponse) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [group, setGroup] = useState(path.targetGroup ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // The profile names one group: it is the group. Otherwise the learner chooses (among the profile's, if any).
  const needsChoice = path.groups.length > 1;
  const retakeAt = path.latest ? new Date(path.latest.retakeAt) : undefined;
  const tooSoon = retakeAt !== undefined && retakeAt.getTime() > Date.now();

  async function start(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onStarted(await placementApi.start(needsChoice && group ? { targetGroup: group } : {}, lang));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel stack-sm" aria-labelledby="placement-start-heading">
      <h2 id="placement-start-heading">{t('placement.startHeading')}</h2>
      <p>{t('placement.howItWorks')}</p>
      {path.latest && (
        <p>
          <Link to={`/me/placement/${path.latest.attemptId}`}>{t('placement.lastResult')}</Link>
        </p>
      )}
      {tooSoon ? (
        <p>{t('placement.retakeFrom', { date: formatDate(path.latest!.retakeAt, lang) })}</p>
      ) : (
        <form className="stack-sm" onSubmit={(e) => void start(e)}>
          {needsChoice && (
            <fieldset className="stack-xs">
              <legend>{t('placement.chooseGroup')}</legend>
              {path.groups.map((g) => (
                <div key={g.code} className="choice">
                  <input
                    id={`group-${g.code}`}
                    type="radio"
                    name="targetGroup"
                    value={g.code}
                    checked={group === g.code}
                    onChange={() => setGroup(g.code)}
                    required
                  />
                  <label htmlFor={`group-${g.code}`}>{g.name}</label>
                </div>
              ))}
            </fieldset>
          )}
          {error !== undefined && <ErrorNotice error={error} />}
          <p>
            <button type="submit" className="button" disabled={busy}>
              {path.latest ? t('placement.retake') : t('placement.start')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

/** One question per screen with its number, a progress bar, Back / Next, and Submit on the last one. */
function QuestionSteps({ attempt }: { attempt: PlacementAttemptResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const progressId = useId();
  const total = attempt.questions.length;
  const question = attempt.questions[step]!;
  const last = step === total - 1;

  // A new screen moves the focus to its heading, so a screen reader reads the next question (not on arrival).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  async function next(event: FormEvent) {
    event.preventDefault();
    if (!last) return setStep(step + 1);
    setBusy(true);
    setError(undefined);
    try {
      const result = await placementApi.submit(attempt.id, { answers }, lang);
      invalidate(apiPrefix('/me/path'));
      void navigate(`/me/placement/${result.id}`);
    } catch (e) {
      if (isApiError(e) && e.code === 'PLACEMENT_ATTEMPT_NOT_FOUND') invalidate(apiPrefix('/me/path'));
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form
      className="panel stack-sm placement-step"
      onSubmit={(e) => void next(e)}
      aria-labelledby="placement-step-heading"
    >
      <h2 id="placement-step-heading" ref={heading} tabIndex={-1}>
        {t('placement.progress', { number: step + 1, total })}
      </h2>
      <progress
        id={progressId}
        className="progress"
        max={total}
        value={step + 1}
        aria-label={t('placement.progressLabel', { number: step + 1, total })}
      />
      <QuestionField
        key={question.id}
        question={question}
        number={step + 1}
        total={total}
        value={answers[question.id]}
        onChange={(value) => setAnswers({ ...answers, [question.id]: value })}
        lang={lang}
      />
      {error !== undefined && <ErrorNotice error={error} />}
      <p className="button-row">
        {step > 0 && (
          <button type="button" className="button button--secondary" onClick={() => setStep(step - 1)}>
            {t('placement.previous')}
          </button>
        )}
        <button type="submit" className="button" disabled={busy}>
          {last ? t('placement.submit') : t('placement.nextQuestion')}
        </button>
      </p>
    </form>
  );
}

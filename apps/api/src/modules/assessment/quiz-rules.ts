import { type QuizAllowance, quizAllowance, ValidationError } from '@hocvuso/domain';
import type { QuizSettings } from '@hocvuso/contracts';
import type { AttemptHistory } from '@hocvuso/db';

export type { QuizSettings };

/** The attempt rule for a learner now, from their attempts, grants and the database clock. */
export function allowanceOf(
  settings: Pick<QuizSettings, 'maxAttempts' | 'retakeCooldownHours'>,
  history: AttemptHistory,
): QuizAllowance {
  return quizAllowance(
    { maxAttempts: settings.maxAttempts ?? null, cooldownHours: settings.retakeCooldownHours ?? null },
    history.attempts.map((a) => ({ startedAt: a.started_at, endedAt: a.ended_at, passed: a.passed })),
    history.grants.map((g) => ({ at: g.at, extraAttempts: g.extra_attempts })),
    history.now,
  );
}

/** The Idempotency-Key of a submission or grant: 8 to 200 visible ASCII characters, else a 400. */
export function requireIdempotencyKey(key: string | undefined, what: 'submission' | 'grant'): string {
  if (!key || !/^[\x21-\x7e]{8,200}$/.test(key)) {
    throw new ValidationError(
      'IDEMPOTENCY_KEY_REQUIRED',
      `Send an Idempotency-Key header (8 to 200 visible characters) with the ${what}.`,
    );
  }
  return key;
}

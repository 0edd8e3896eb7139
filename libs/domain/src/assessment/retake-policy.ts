/** When a learner may see the answer key and explanations of a quiz. Default `afterPass`. */
export const REVEAL_POLICIES = ['afterPass', 'afterLastAttempt', 'never'] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];

/** Hours between the last attempt of a set and the next set of attempts, unless the quiz says otherwise. */
export const DEFAULT_RETAKE_COOLDOWN_HOURS = 24;

/** One attempt of a learner at one quiz, in attempt order. */
export interface AttemptRecord {
  startedAt: Date;
  /** When it was submitted or ran out of time; null while open. */
  endedAt: Date | null;
  passed: boolean;
}

/** Extra attempts a teacher or helper granted, from `at`. */
export interface AttemptGrant {
  at: Date;
  extraAttempts: number;
}

export interface QuizAllowance {
  /** The set the next attempt belongs to (1 for the first set). */
  setNo: number;
  /** The set of each attempt given, in order. */
  attemptSets: number[];
  /** Attempts still allowed now; null without a limit. */
  remaining: number | null;
  /** When the next set opens, while none remain; null otherwise. */
  nextSetAt: Date | null;
  passed: boolean;
}

/**
 * How many attempts a learner has left at a quiz now. Attempts come in sets of `maxAttempts`; grants add
 * attempts to the set running when they are given. Once a set is spent, the next one opens
 * `cooldownHours` after its last attempt ended (so no one is locked out for good). Without `maxAttempts`
 * there is no limit. Times come from the database clock.
 */
export function quizAllowance(
  policy: { maxAttempts?: number | null; cooldownHours?: number | null },
  attempts: readonly AttemptRecord[],
  grants: readonly AttemptGrant[],
  now: Date,
): QuizAllowance {
  const passed = attempts.some((a) => a.passed);
  const max = policy.maxAttempts ?? null;
  if (max === null) {
    return { setNo: 1, attemptSets: attempts.map(() => 1), remaining: null, nextSetAt: null, passed };
  }
  const cooldownMs = (policy.cooldownHours ?? DEFAULT_RETAKE_COOLDOWN_HOURS) * 3_600_000;
  const sortedGrants = [...grants].sort((a, b) => a.at.getTime() - b.at.getTime());
  let g = 0;
  let setNo = 1;
  let allowed = max;
  let used = 0;
  const attemptSets: number[] = [];
  let lastEndedAt: Date | null = null;
  const applyGrantsUntil = (t: Date) => {
    while (g < sortedGrants.length && sortedGrants[g]!.at.getTime() <= t.getTime()) {
      const at = sortedGrants[g]!.at.getTime();
      // A grant given once the spent set's cooldown is over adds to the new set, never in place of it.
      if (used >= allowed && lastEndedAt && at >= lastEndedAt.getTime() + cooldownMs) {
        setNo += 1;
        allowed = max;
        used = 0;
      }
      allowed += sortedGrants[g]!.extraAttempts;
      g += 1;
    }
  };
  for (const attempt of attempts) {
    applyGrantsUntil(attempt.startedAt);
    if (used >= allowed) {
      // Only a new set could have let this attempt start.
      setNo += 1;
      allowed = max;
      used = 0;
    }
    used += 1;
    attemptSets.push(setNo);
    lastEndedAt = attempt.endedAt;
  }
  applyGrantsUntil(now);
  if (used < allowed) return { setNo, attemptSets, remaining: allowed - used, nextSetAt: null, passed };
  const last = attempts[attempts.length - 1];
  const endedAt = last?.endedAt;
  if (!endedAt) return { setNo, attemptSets, remaining: 0, nextSetAt: null, passed };
  const nextSetAt = new Date(endedAt.getTime() + cooldownMs);
  if (now.getTime() >= nextSetAt.getTime()) {
    return { setNo: setNo + 1, attemptSets, remaining: max, nextSetAt: null, passed };
  }
  return { setNo, attemptSets, remaining: 0, nextSetAt, passed };
}

/**
 * Whether an attempt's result may show the answer key and explanations: `never` never; `afterPass` once the
 * learner passed the quiz; `afterLastAttempt` once they passed or have no attempt left in the current set.
 */
export function mayReveal(policy: RevealPolicy | undefined, allowance: QuizAllowance): boolean {
  switch (policy ?? 'afterPass') {
    case 'never':
      return false;
    case 'afterPass':
      return allowance.passed;
    case 'afterLastAttempt':
      return allowance.passed || allowance.remaining === 0;
  }
}

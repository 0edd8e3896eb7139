import { useState } from 'react';
import type { FieldProblem } from './error-summary';

export interface FieldProblems<F extends string> {
  /** The message next to a field, if it has a problem. */
  problemOf: (field: F) => string | undefined;
  /** Lists these problems (in the order of the fields) and brings the focus back to the summary. */
  show: (problems: Array<[F, string]>) => void;
  /** Drops a field's problem as soon as it is edited; the others stay listed until the next submit. */
  clear: (field: F) => void;
  /** No problem left (a submit that passed the checks). */
  clearAll: () => void;
  /** For ErrorSummary's `problems`: each message with the control its link focuses. */
  summary: FieldProblem[];
  /** For ErrorSummary's `focusKey`: a new value on every `show`, even of the same problems. */
  focusKey: number;
}

/**
 * The problems of a form's fields, shown next to each field and listed in an ErrorSummary whose links move
 * the focus to `targets[field]` (the field's first focusable control).
 */
export function useFieldProblems<F extends string>(targets: Record<F, string>): FieldProblems<F> {
  const [problems, setProblems] = useState<Array<[F, string]>>([]);
  const [attempt, setAttempt] = useState(0);
  return {
    problemOf: (field) => problems.find(([f]) => f === field)?.[1],
    show: (next) => {
      setProblems(next);
      setAttempt((n) => n + 1);
    },
    clear: (field) => setProblems((list) => list.filter(([f]) => f !== field)),
    clearAll: () => setProblems([]),
    summary: problems.map(([field, message]) => ({ fieldId: targets[field], message })),
    focusKey: attempt,
  };
}

import { ConflictError, ValidationError } from '../errors';
import { daysUntilDue, vietnamDate } from './mandate-status';

/**
 * What may change in a mandate once it exists (docs/mandates.md). The scope (unit or organisation, target
 * group) never changes: a different audience is a different mandate. Then:
 * - the title, the description and the grace days (only up) may change at any time;
 * - courses may be added at any time; a course may be removed only while nobody assigned has started any of
 *   the mandate's courses (afterwards: 409 MANDATE_COURSE_REMOVAL_AFTER_START, cancel and create a new one);
 * - the due date may move later at any time (an extension); earlier only while nobody has started
 *   (afterwards: 409 MANDATE_DEADLINE_SHORTENED), and never before today in Vietnam (400 MANDATE_DUE_IN_PAST);
 * - a cancelled mandate changes no more (409 MANDATE_CANCELLED); a change that changes nothing is refused
 *   (400 MANDATE_NO_CHANGE), so the audit log and the learners' inboxes carry only real changes.
 */
export interface MandateTerms {
  title: string;
  description: string;
  courseIds: string[];
  /** YYYY-MM-DD, a date in Vietnam. */
  dueOn: string;
  graceDays: number;
}

export type MandateLifecycle = 'active' | 'cancelled';

/** What the people assigned are told about. */
export type MandateEvent = 'created' | 'edited' | 'extended' | 'cancelled';

export interface MandateChangeContext {
  status: MandateLifecycle;
  /** Someone the mandate applies to is enrolled in one of its courses. */
  started: boolean;
  /** Today in Vietnam (vietnamDate). */
  today: string;
}

/** The fields that differ, in a fixed order (for the audit and the notice). */
export type MandateChange = keyof MandateTerms;

/** Checks an edit against the rules above; returns what changed, throws a coded error when it may not. */
export function checkMandateEdit(
  before: MandateTerms,
  after: MandateTerms,
  ctx: MandateChangeContext,
): MandateChange[] {
  if (ctx.status === 'cancelled')
    throw new ConflictError('MANDATE_CANCELLED', 'This mandate was cancelled; it can no longer change.');
  const changed: MandateChange[] = [];
  if (after.title !== before.title) changed.push('title');
  if (after.description !== before.description) changed.push('description');
  const removed = before.courseIds.filter((c) => !after.courseIds.includes(c));
  const added = after.courseIds.filter((c) => !before.courseIds.includes(c));
  if (removed.length > 0 || added.length > 0) changed.push('courseIds');
  if (after.dueOn !== before.dueOn) changed.push('dueOn');
  if (after.graceDays !== before.graceDays) changed.push('graceDays');
  if (changed.length === 0) throw new ValidationError('MANDATE_NO_CHANGE', 'Nothing would change.');
  if (removed.length > 0 && ctx.started)
    throw new ConflictError(
      'MANDATE_COURSE_REMOVAL_AFTER_START',
      'People have started this mandate: courses can be added but not removed.',
      { removed },
    );
  if (after.dueOn !== before.dueOn) {
    if (after.dueOn < ctx.today)
      throw new ValidationError('MANDATE_DUE_IN_PAST', 'The due date cannot be before today.');
    if (after.dueOn < before.dueOn && ctx.started)
      throw new ConflictError(
        'MANDATE_DEADLINE_SHORTENED',
        'People have started this mandate: the due date can only move later.',
      );
  }
  if (after.graceDays < before.graceDays && ctx.started)
    throw new ConflictError(
      'MANDATE_DEADLINE_SHORTENED',
      'People have started this mandate: the grace days can only grow.',
    );
  return changed;
}

/** An extension: the new due date must be later than the current one (and the mandate not cancelled). */
export function checkMandateExtension(
  currentDueOn: string,
  newDueOn: string,
  status: MandateLifecycle,
): void {
  if (status === 'cancelled')
    throw new ConflictError('MANDATE_CANCELLED', 'This mandate was cancelled; it can no longer change.');
  if (newDueOn <= currentDueOn)
    throw new ValidationError(
      'MANDATE_EXTEND_NOT_LATER',
      `An extension moves the due date later than ${currentDueOn}.`,
    );
}

/** A cancellation: once. */
export function checkMandateCancellation(status: MandateLifecycle): void {
  if (status === 'cancelled')
    throw new ConflictError('MANDATE_CANCELLED', 'This mandate was already cancelled.');
}

/**
 * Whole Vietnam calendar days the learner has left at the instant `now`: 0 on the due day itself, negative
 * once past (the web then says overdue). "Còn N ngày" counts to the due date, not to the end of the grace.
 */
export function mandateDaysLeft(dueOn: string, now: Date): number {
  return daysUntilDue(dueOn, vietnamDate(now));
}

import { isDomainError } from '../errors';
import {
  checkMandateCancellation,
  checkMandateEdit,
  checkMandateExtension,
  mandateDaysLeft,
  type MandateTerms,
} from './mandate-changes';

const before: MandateTerms = {
  title: 'An toàn số',
  description: '',
  courseIds: ['a', 'b'],
  dueOn: '2026-12-31',
  graceDays: 3,
};
const ctx = { status: 'active' as const, started: false, today: '2026-12-05' };

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (err) {
    if (isDomainError(err)) return `${err.kind}:${err.code}`;
    throw err;
  }
  return 'ok';
};

describe('checkMandateEdit', () => {
  it('lists what changed, in a fixed order', () => {
    expect(
      checkMandateEdit(before, { ...before, graceDays: 5, title: 'Mới', courseIds: ['a', 'b', 'c'] }, ctx),
    ).toEqual(['title', 'courseIds', 'graceDays']);
  });

  it('refuses a change that changes nothing (same courses in another order included)', () => {
    expect(codeOf(() => checkMandateEdit(before, { ...before, courseIds: ['b', 'a'] }, ctx))).toBe(
      'validation:MANDATE_NO_CHANGE',
    );
  });

  it('adds courses after people started; removes one only before', () => {
    const started = { ...ctx, started: true };
    expect(checkMandateEdit(before, { ...before, courseIds: ['a', 'b', 'c'] }, started)).toEqual([
      'courseIds',
    ]);
    expect(checkMandateEdit(before, { ...before, courseIds: ['a'] }, ctx)).toEqual(['courseIds']);
    expect(codeOf(() => checkMandateEdit(before, { ...before, courseIds: ['a', 'c'] }, started))).toBe(
      'conflict:MANDATE_COURSE_REMOVAL_AFTER_START',
    );
  });

  it('moves the due date later any time, earlier only before anyone started, never before today', () => {
    const started = { ...ctx, started: true };
    expect(checkMandateEdit(before, { ...before, dueOn: '2027-01-15' }, started)).toEqual(['dueOn']);
    expect(checkMandateEdit(before, { ...before, dueOn: '2026-12-10' }, ctx)).toEqual(['dueOn']);
    expect(codeOf(() => checkMandateEdit(before, { ...before, dueOn: '2026-12-10' }, started))).toBe(
      'conflict:MANDATE_DEADLINE_SHORTENED',
    );
    expect(codeOf(() => checkMandateEdit(before, { ...before, dueOn: '2026-12-04' }, ctx))).toBe(
      'validation:MANDATE_DUE_IN_PAST',
    );
    // Today itself is allowed (due by the end of today, in Vietnam).
    expect(checkMandateEdit(before, { ...before, dueOn: '2026-12-05' }, ctx)).toEqual(['dueOn']);
    expect(codeOf(() => checkMandateEdit(before, { ...before, graceDays: 1 }, started))).toBe(
      'conflict:MANDATE_DEADLINE_SHORTENED',
    );
  });

  it('a cancelled mandate changes no more', () => {
    expect(
      codeOf(() => checkMandateEdit(before, { ...before, title: 'X' }, { ...ctx, status: 'cancelled' })),
    ).toBe('conflict:MANDATE_CANCELLED');
  });
});

describe('checkMandateExtension and checkMandateCancellation', () => {
  it('an extension only moves later; the same date or earlier is refused', () => {
    expect(codeOf(() => checkMandateExtension('2026-12-31', '2027-01-01', 'active'))).toBe('ok');
    expect(codeOf(() => checkMandateExtension('2026-12-31', '2026-12-31', 'active'))).toBe(
      'validation:MANDATE_EXTEND_NOT_LATER',
    );
    expect(codeOf(() => checkMandateExtension('2026-12-31', '2026-11-30', 'active'))).toBe(
      'validation:MANDATE_EXTEND_NOT_LATER',
    );
    expect(codeOf(() => checkMandateExtension('2026-12-31', '2027-01-01', 'cancelled'))).toBe(
      'conflict:MANDATE_CANCELLED',
    );
  });

  it('cancels once', () => {
    expect(codeOf(() => checkMandateCancellation('active'))).toBe('ok');
    expect(codeOf(() => checkMandateCancellation('cancelled'))).toBe('conflict:MANDATE_CANCELLED');
  });
});

describe('mandateDaysLeft: Vietnam calendar days at the midnight boundaries', () => {
  it('flips at 17:00 UTC (midnight in Hà Nội), not at midnight UTC', () => {
    // 14 December, 23:59:59 in Vietnam: the 15th is tomorrow.
    expect(mandateDaysLeft('2026-12-15', new Date('2026-12-14T16:59:59Z'))).toBe(1);
    // 15 December, 00:00 in Vietnam (still the 14th in UTC): due today.
    expect(mandateDaysLeft('2026-12-15', new Date('2026-12-14T17:00:00Z'))).toBe(0);
    // 15 December, 23:59:59 in Vietnam: still due today.
    expect(mandateDaysLeft('2026-12-15', new Date('2026-12-15T16:59:59Z'))).toBe(0);
    // 16 December, 00:00 in Vietnam: one day late, although UTC still says the 15th.
    expect(mandateDaysLeft('2026-12-15', new Date('2026-12-15T17:00:00Z'))).toBe(-1);
  });

  it('counts across months, years and a leap day', () => {
    expect(mandateDaysLeft('2027-01-01', new Date('2026-12-31T05:00:00Z'))).toBe(1);
    expect(mandateDaysLeft('2028-03-01', new Date('2028-02-27T20:00:00Z'))).toBe(2); // 28 Feb in Vietnam
    expect(mandateDaysLeft('2026-12-31', new Date('2026-12-01T00:00:00Z'))).toBe(30);
  });
});

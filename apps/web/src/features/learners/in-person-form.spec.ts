import { describe, expect, it } from '@jest/globals';
import {
  confirmProblems,
  type InPersonForm,
  inPersonProblems,
  NOTE_MAX,
  toConfirmInput,
  toInPersonInput,
} from './in-person-form';

/** 10:00 on 5 December 2026 in Hanoi. */
const today = new Date('2026-12-05T03:00:00Z');
const good: InPersonForm = {
  courseId: 'online-scams',
  lessonId: '',
  on: '2026-12-05',
  note: '  Ở nhà văn hoá thôn ',
};

describe('face-to-face confirmation', () => {
  it('needs at least one thing seen, and sends only what was ticked', () => {
    expect(confirmProblems({ vneidLevel2: false, bankAccount: false })).toEqual(['nothingTicked']);
    expect(confirmProblems({ vneidLevel2: true, bankAccount: false })).toEqual([]);
    expect(toConfirmInput({ vneidLevel2: true, bankAccount: false })).toEqual({ vneidLevel2: true });
    expect(toConfirmInput({ vneidLevel2: true, bankAccount: true })).toEqual({
      vneidLevel2: true,
      bankAccount: true,
    });
  });
});

describe('in-person learning form', () => {
  it('accepts today and sends a trimmed note, the lesson only when one is chosen', () => {
    expect(inPersonProblems(good, today)).toEqual([]);
    expect(toInPersonInput(good, 'user-1')).toEqual({
      userId: 'user-1',
      courseId: 'online-scams',
      on: '2026-12-05',
      note: 'Ở nhà văn hoá thôn',
    });
    expect(toInPersonInput({ ...good, lessonId: 'lesson-1' }, 'user-1')).toMatchObject({
      lessonId: 'lesson-1',
    });
  });

  it('lists missing course and date in field order', () => {
    expect(inPersonProblems({ courseId: '', lessonId: '', on: '', note: '' }, today)).toEqual([
      ['courseId', 'courseRequired'],
      ['on', 'dateRequired'],
    ]);
    expect(inPersonProblems({ ...good, on: '2026-02-30' }, today)).toEqual([['on', 'dateRequired']]);
  });

  it("refuses a date after today on the Vietnam calendar, not the browser's", () => {
    expect(inPersonProblems({ ...good, on: '2026-12-06' }, today)).toEqual([['on', 'dateFuture']]);
    // 00:30 on 6 December in Hanoi is still 5 December in UTC: the 6th is already today there.
    const justAfterMidnightInHanoi = new Date('2026-12-05T17:30:00Z');
    expect(inPersonProblems({ ...good, on: '2026-12-06' }, justAfterMidnightInHanoi)).toEqual([]);
  });

  it('refuses a note over the limit or with hidden or direction-changing characters', () => {
    expect(inPersonProblems({ ...good, note: 'a'.repeat(NOTE_MAX) }, today)).toEqual([]);
    expect(inPersonProblems({ ...good, note: 'a'.repeat(NOTE_MAX + 1) }, today)).toEqual([
      ['note', 'noteTooLong'],
    ]);
    expect(inPersonProblems({ ...good, note: 'nhà\u200bvăn hoá' }, today)).toEqual([['note', 'noteUnsafe']]);
    expect(inPersonProblems({ ...good, note: 'abc\u202edef' }, today)).toEqual([['note', 'noteUnsafe']]);
    expect(inPersonProblems({ ...good, note: 'a\u0000b' }, today)).toEqual([['note', 'noteUnsafe']]);
    // Several lines are fine.
    expect(inPersonProblems({ ...good, note: 'Dòng một\r\nDòng hai' }, today)).toEqual([]);
  });
});

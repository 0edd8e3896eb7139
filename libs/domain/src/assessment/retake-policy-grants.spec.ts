import { quizAllowance } from './retake-policy';

const H = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * H);
/** A failed attempt started at `hours` and submitted a minute later. */
const failed = (hours: number) => ({
  startedAt: at(hours),
  endedAt: new Date(at(hours).getTime() + 60_000),
  passed: false,
});
const policy = { maxAttempts: 3, cooldownHours: 24 };

describe('quizAllowance with grants of extra attempts', () => {
  const spent = [failed(0), failed(1), failed(2)];

  it('a grant during the cooldown opens attempts at once, in the running set', () => {
    const before = quizAllowance(policy, spent, [], at(5));
    expect(before).toMatchObject({ remaining: 0, setNo: 1 });
    expect(before.nextSetAt).not.toBeNull();
    const after = quizAllowance(policy, spent, [{ at: at(4), extraAttempts: 2 }], at(5));
    expect(after).toMatchObject({ remaining: 2, setNo: 1, nextSetAt: null });
    // Once both are used, the cooldown runs again from the last of them.
    const used = quizAllowance(
      policy,
      [...spent, failed(6), failed(7)],
      [{ at: at(4), extraAttempts: 2 }],
      at(8),
    );
    expect(used.remaining).toBe(0);
    expect(used.nextSetAt).toEqual(new Date(failed(7).endedAt.getTime() + 24 * H));
  });

  it('a grant given after the cooldown ended adds to the new set instead of replacing it', () => {
    expect(quizAllowance(policy, spent, [], at(30))).toMatchObject({ remaining: 3, setNo: 2 });
    const granted = quizAllowance(policy, spent, [{ at: at(29), extraAttempts: 1 }], at(30));
    expect(granted).toMatchObject({ remaining: 4, setNo: 2, nextSetAt: null });
    // The attempts of that set are counted against its 3 + 1.
    const later = quizAllowance(
      policy,
      [...spent, failed(31), failed(32)],
      [{ at: at(29), extraAttempts: 1 }],
      at(33),
    );
    expect(later).toMatchObject({ remaining: 2, setNo: 2, attemptSets: [1, 1, 1, 2, 2] });
  });

  it('grants add up, each counted once, and a grant before any attempt enlarges the first set', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ at: at(3 + i / 100), extraAttempts: 1 }));
    expect(quizAllowance(policy, spent, many, at(5)).remaining).toBe(50);
    expect(quizAllowance(policy, [], [{ at: at(-1), extraAttempts: 2 }], at(0)).remaining).toBe(5);
  });
});

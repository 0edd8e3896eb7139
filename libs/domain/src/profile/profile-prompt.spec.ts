import { PROFILE_PROMPT_AGAIN_AFTER_DAYS, profilePromptDue } from './profile-prompt';

const now = new Date('2026-12-05T03:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);

describe('profilePromptDue', () => {
  it('asks while the group or the place is missing', () => {
    expect(profilePromptDue({ targetGroups: [], hasPlace: false, dismissedAt: null, now })).toBe(true);
    expect(profilePromptDue({ targetGroups: ['citizens'], hasPlace: false, dismissedAt: null, now })).toBe(
      true,
    );
    expect(profilePromptDue({ targetGroups: [], hasPlace: true, dismissedAt: null, now })).toBe(true);
  });

  it('never asks someone with both', () => {
    expect(profilePromptDue({ targetGroups: ['citizens'], hasPlace: true, dismissedAt: null, now })).toBe(
      false,
    );
  });

  it(`stays away ${PROFILE_PROMPT_AGAIN_AFTER_DAYS} days after a dismissal, then asks again`, () => {
    const base = { targetGroups: [], hasPlace: false, now };
    expect(profilePromptDue({ ...base, dismissedAt: daysAgo(0) })).toBe(false);
    expect(profilePromptDue({ ...base, dismissedAt: daysAgo(PROFILE_PROMPT_AGAIN_AFTER_DAYS - 0.01) })).toBe(
      false,
    );
    expect(profilePromptDue({ ...base, dismissedAt: daysAgo(PROFILE_PROMPT_AGAIN_AFTER_DAYS) })).toBe(true);
    // A dismissal "in the future" (clock skew) keeps it away rather than failing.
    expect(profilePromptDue({ ...base, dismissedAt: daysAgo(-1) })).toBe(false);
  });
});

import {
  ambassadorEligible,
  GUIDED_GOAL,
  guidedGoalReached,
  guidedMentees,
  MENTOR_INVITATION_LIMITS,
  mentorInvitationRefusal,
  requiredCoursesFor,
} from './ambassador-rules';

const at = (iso: string) => new Date(iso);

describe('guidedMentees: who counts toward "at least 5 people guided to completion"', () => {
  const periods = [
    { menteeId: 'a', acceptedAt: at('2026-03-01T00:00:00Z'), endedAt: null },
    { menteeId: 'b', acceptedAt: at('2026-03-01T00:00:00Z'), endedAt: at('2026-03-10T00:00:00Z') },
    { menteeId: 'c', acceptedAt: at('2026-03-05T00:00:00Z'), endedAt: null },
  ];

  it('counts a mentee who completed a course after accepting, once however many courses', () => {
    const completions = [
      { userId: 'a', completedAt: at('2026-03-02T00:00:00Z') },
      { userId: 'a', completedAt: at('2026-03-03T00:00:00Z') },
      { userId: 'a', completedAt: at('2026-03-03T00:00:00Z') },
    ];
    expect(guidedMentees(periods, completions)).toEqual(['a']);
  });

  it('does not count a course completed before accepting, or after the mentee ended it', () => {
    const completions = [
      { userId: 'c', completedAt: at('2026-03-04T23:59:59Z') },
      { userId: 'b', completedAt: at('2026-03-10T00:00:00Z') },
    ];
    expect(guidedMentees(periods, completions)).toEqual([]);
  });

  it('keeps counting a completion made while in force after the mentee ends it', () => {
    expect(guidedMentees(periods, [{ userId: 'b', completedAt: at('2026-03-09T00:00:00Z') }])).toEqual(['b']);
  });

  it('ignores completions of people who are not mentees, and a mentee listed twice counts once', () => {
    const twice = [...periods, { ...periods[0]! }];
    const completions = [
      { userId: 'a', completedAt: at('2026-03-02T00:00:00Z') },
      { userId: 'stranger', completedAt: at('2026-03-02T00:00:00Z') },
    ];
    expect(guidedMentees(twice, completions)).toEqual(['a']);
  });

  it('reaches the goal at five', () => {
    expect(GUIDED_GOAL).toBe(5);
    expect(guidedGoalReached(4)).toBe(false);
    expect(guidedGoalReached(5)).toBe(true);
    expect(guidedGoalReached(50)).toBe(true);
  });
});

describe('ambassador eligibility and invitation caps', () => {
  const requirements = [
    { targetGroup: null, courseId: 'online-scams' },
    { targetGroup: 'public-servants', courseId: 'digital-office-work' },
    { targetGroup: 'citizens', courseId: 'online-scams' },
  ];

  it('requires the global courses and those of each of the person’s groups, without repeats', () => {
    expect(requiredCoursesFor(requirements, ['citizens'])).toEqual(['online-scams']);
    expect(requiredCoursesFor(requirements, ['public-servants', 'citizens'])).toEqual([
      'online-scams',
      'digital-office-work',
    ]);
  });

  it('is eligible only with every required course completed; never with no requirement at all', () => {
    expect(ambassadorEligible(['online-scams'], ['online-scams', 'x'])).toBe(true);
    expect(ambassadorEligible(['online-scams', 'digital-office-work'], ['online-scams'])).toBe(false);
    expect(ambassadorEligible([], ['online-scams'])).toBe(false);
  });

  it('refuses the 21st link of a day and the 31st open link', () => {
    expect(mentorInvitationRefusal({ createdToday: 19, open: 19 })).toBeUndefined();
    expect(mentorInvitationRefusal({ createdToday: MENTOR_INVITATION_LIMITS.perDay, open: 0 })).toBe(
      'MENTOR_INVITATION_DAILY_LIMIT',
    );
    expect(mentorInvitationRefusal({ createdToday: 0, open: MENTOR_INVITATION_LIMITS.open })).toBe(
      'MENTOR_INVITATION_OPEN_LIMIT',
    );
  });
});

import { householdGuides, householdHasTrainedGuide, rollUpHouseholds } from './household-rules';

const member = (userId: string, over: Partial<Parameters<typeof householdGuides>[0][number]> = {}) => ({
  userId,
  completedCourses: 0,
  isAmbassador: false,
  guidedBy: null as string | null,
  ...over,
});

describe('digital family: who guides, and the household indicator', () => {
  it('a trained member named as guide by another member guides', () => {
    const members = [member('mother', { completedCourses: 2 }), member('grandpa', { guidedBy: 'mother' })];
    expect(householdGuides(members)).toEqual(['mother']);
    expect(householdHasTrainedGuide(members)).toBe(true);
  });

  it('a member named as guide but not trained does not count', () => {
    const members = [member('son'), member('grandma', { guidedBy: 'son' })];
    expect(householdGuides(members)).toEqual([]);
    expect(householdHasTrainedGuide(members)).toBe(false);
  });

  it('a trained member nobody names, naming oneself, or a guide from outside the household do not count', () => {
    expect(householdHasTrainedGuide([member('a', { completedCourses: 1 }), member('b')])).toBe(false);
    expect(householdHasTrainedGuide([member('a', { completedCourses: 1, guidedBy: 'a' })])).toBe(false);
    expect(
      householdHasTrainedGuide([member('a', { guidedBy: 'outsider' }), member('b', { completedCourses: 1 })]),
    ).toBe(false);
  });

  it('a trained ambassador member guides even alone', () => {
    expect(householdHasTrainedGuide([member('amb', { completedCourses: 1, isAmbassador: true })])).toBe(true);
  });

  it('rolls households up each unit’s subtree', () => {
    const rows = [
      { unitPath: 'P1.C1.', counts: true },
      { unitPath: 'P1.C1.', counts: false },
      { unitPath: 'P1.C2.', counts: true },
      { unitPath: 'P2.C9.', counts: true },
    ];
    expect(rollUpHouseholds(['P1.', 'P1.C1.', 'P3.'], rows)).toEqual([
      { unitPath: 'P1.', households: 3, withTrainedGuide: 2 },
      { unitPath: 'P1.C1.', households: 2, withTrainedGuide: 1 },
      { unitPath: 'P3.', households: 0, withTrainedGuide: 0 },
    ]);
  });
});

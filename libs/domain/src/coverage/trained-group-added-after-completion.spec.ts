import { trainedGroups } from './trained';

/**
 * A learner completes a group's required set before the group is in their profile, then adds it (or loses it).
 * The rule is asked again after every profile change with the groups the learner has then; the facts it names are
 * written once (coverage_facts' unique key), and nothing is ever taken back (docs/coverage.md).
 */
const plans = [{ id: 'lai-chau', requiredCourses: { 'enterprise-workers': ['scams', 'cashless', 'ai'] } }];
const completed = ['scams', 'cashless', 'ai'];

describe('trained: a target group added after its required set was completed', () => {
  it('is not trained for a group the learner does not have, whatever they completed', () => {
    expect(trainedGroups(plans, ['citizens'], completed)).toEqual([]);
  });

  it('is trained for the group as soon as it is in the profile, with the set as evidence', () => {
    expect(trainedGroups(plans, ['citizens', 'enterprise-workers'], completed)).toEqual([
      { group: 'enterprise-workers', planId: 'lai-chau', courses: ['scams', 'cashless', 'ai'] },
    ]);
  });

  it('names the group once however often the same profile is saved', () => {
    const once = trainedGroups(plans, ['enterprise-workers', 'enterprise-workers'], completed);
    expect(once).toHaveLength(1);
    expect(trainedGroups(plans, ['enterprise-workers'], completed)).toEqual(once);
  });

  it('does not name a removed group again: the fact already written stays, nothing asks to delete it', () => {
    expect(trainedGroups(plans, ['citizens'], completed).map((t) => t.group)).not.toContain(
      'enterprise-workers',
    );
  });

  it('waits for the whole set: a group added with one course missing is not trained yet', () => {
    expect(trainedGroups(plans, ['enterprise-workers'], ['scams', 'cashless'])).toEqual([]);
  });
});

import { trainedGroups } from './trained';

const plans = [
  { id: 'b-plan', requiredCourses: { citizens: ['x', 'y'], students: ['x'] } },
  { id: 'a-plan', requiredCourses: { citizens: ['x', 'z'] } },
];

describe('trainedGroups', () => {
  it('is trained for a group only when every course of its required set is completed', () => {
    expect(trainedGroups(plans, ['citizens'], ['x'])).toEqual([]);
    expect(trainedGroups(plans, ['citizens'], ['x', 'y'])).toEqual([
      { group: 'citizens', planId: 'b-plan', courses: ['x', 'y'] },
    ]);
  });

  it('takes the first plan by id whose set is complete, and each group once', () => {
    expect(trainedGroups(plans, ['citizens', 'citizens'], ['x', 'y', 'z'])).toEqual([
      { group: 'citizens', planId: 'a-plan', courses: ['x', 'z'] },
    ]);
  });

  it('counts each of the learner groups whose set is done, never a group without a set or not theirs', () => {
    expect(trainedGroups(plans, ['students', 'public-servants'], ['x']).map((t) => t.group)).toEqual([
      'students',
    ]);
    expect(trainedGroups(plans, ['public-servants'], ['x', 'y', 'z'])).toEqual([]);
    expect(trainedGroups(plans, [], ['x', 'y'])).toEqual([]);
    expect(trainedGroups([], ['citizens'], ['x', 'y'])).toEqual([]);
    expect(trainedGroups([{ id: 'e', requiredCourses: { citizens: [] } }], ['citizens'], [])).toEqual([]);
  });
});

import { canAuthor, canTeach, type TeachingAction } from './course-access';

const ALL: TeachingAction[] = ['read', 'edit', 'publish', 'report', 'manage_staff'];

describe('canTeach', () => {
  it('a teacher reaches only the courses they are staff on', () => {
    for (const action of ALL) expect(canTeach(['learner', 'teacher'], null, action)).toBe(false);
    for (const action of ALL) expect(canTeach(['teacher'], 'owner', action)).toBe(true);
  });

  it('an editor teaches and reports but does not decide who else teaches', () => {
    expect(ALL.filter((a) => canTeach(['teacher'], 'editor', a))).toEqual([
      'read',
      'edit',
      'publish',
      'report',
    ]);
  });

  it('losing the teacher role ends access even where a staff row remains', () => {
    for (const action of ALL) expect(canTeach(['learner'], 'owner', action)).toBe(false);
  });

  it('admins of units and provinces do not teach by rank; system admins reach every course', () => {
    for (const action of ALL)
      expect(canTeach(['province_admin', 'unit_admin', 'reviewer'], null, action)).toBe(false);
    for (const action of ALL) expect(canTeach(['system_admin'], null, action)).toBe(true);
  });
});

describe('canAuthor', () => {
  it('teachers and system admins may create courses; nobody else', () => {
    expect(canAuthor(['learner', 'teacher'])).toBe(true);
    expect(canAuthor(['system_admin'])).toBe(true);
    expect(canAuthor(['province_admin', 'reviewer', 'community_helper', 'learner'])).toBe(false);
  });
});

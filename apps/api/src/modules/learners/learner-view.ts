import type { LearnerRow } from '@hocvuso/db';

/** A learner as the admin pages show it (the learners list, a learner, and the mandates' compliance lists). */
export const toLearner = (
  r: Partial<Pick<LearnerRow, 'target_groups' | 'sub_groups' | 'has_profile' | 'enrolments' | 'completed'>> &
    Pick<LearnerRow, 'id' | 'display_name' | 'email' | 'phone' | 'unit_name' | 'organisation_name'>,
) => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  phone: r.phone,
  targetGroups: r.target_groups ?? [],
  subGroups: r.sub_groups ?? [],
  hasProfile: r.has_profile ?? true,
  unit: r.unit_name,
  organisation: r.organisation_name,
  enrolments: r.enrolments ?? 0,
  completed: r.completed ?? 0,
});

import { COURSE_STAFF_ACTIONS, type CourseStaffRole } from '@hocvuso/domain';
import { can, canEverywhere, type Capabilities } from '../../session/capabilities';

/** Uses the teaching studio (and creates courses). */
export const canUseStudio = (me: Capabilities): boolean => can(me, 'course.create');

/** Reviews studio courses before they are published: the review queue and the review pages. */
export const canReview = (me: Capabilities): boolean => can(me, 'course.review');

/** Adds and removes the people who teach a course: as staff whose place allows it, or everywhere. */
export const canManageStaff = (me: Capabilities, myRole: CourseStaffRole | null): boolean =>
  (myRole !== null &&
    can(me, 'course.manageStaff') &&
    COURSE_STAFF_ACTIONS[myRole].includes('course.manageStaff')) ||
  canEverywhere(me, 'course.manageStaff');

/** Still sees a course after leaving its staff (reaches every course), so the page need not be left. */
export const seesEveryCourse = (me: Capabilities): boolean => canEverywhere(me, 'course.read');

/** The learners context's back-office pages: the learners a helper may see, and one learner. */
export { LearnerPage } from './learner-page';
export { LearnersPage } from './learners-page';

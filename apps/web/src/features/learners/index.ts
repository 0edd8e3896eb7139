/** The learners context's back-office page: the learners a helper may see. */
export { LearnersPage } from './learners-page';

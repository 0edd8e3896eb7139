/** What other features may use of the placement context: My learning shows the learner's path with it. */
export { PathSection } from './path-section';

/** The coverage context's back-office page: indicators against the plan's targets, drill-down, trend and ranking. */
export { CoveragePage } from './coverage-page';

/** The populations context's back-office pages: the statisticians' sheet import, and the figures read-only. */
export { PopulationsPage } from './populations-page';
export { PopulationFiguresPage } from './population-figures';

/** The rosters context's back-office page: roster imports (and the unit / organisation imports it also offers). */
export { ImportsPage } from './imports-page';

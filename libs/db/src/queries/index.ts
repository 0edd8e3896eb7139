export { type Queryable, rowsOf } from './queryable';
export * from './catalog.queries';
export * from './learning.queries';
export * from './content-import.queries';
export * from './video.queries';
export * from './xapi.queries';
export * from './quiz.queries';

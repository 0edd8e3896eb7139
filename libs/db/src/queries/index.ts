export type { Queryable } from './queryable';
export * from './catalog.queries';
export * from './learning.queries';
export * from './content-import.queries';

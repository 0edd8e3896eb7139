export * from './course-progress';
export * from './reading-time';

export * from './course-review';
export * from './draft-diff';

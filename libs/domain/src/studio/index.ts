export * from './course-review';
export * from './draft-diff';
export * from './publish-readiness';

export * from './scopes';
export * from './course-access';

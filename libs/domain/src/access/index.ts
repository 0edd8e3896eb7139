export * from './scopes';
export * from './course-access';
export * from './roster-invitation';

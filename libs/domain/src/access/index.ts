export * from './scopes';
export * from './course-access';
export * from './roster-invitation';
export * from './redact-tokens';
export * from './consent-visibility';

export * from './scopes';
export * from './permissions';
export * from './course-access';
export * from './roster-invitation';
export * from './redact-tokens';
export * from './consent-visibility';
export * from './confirmer-visibility';
export { readSignedToken, signToken } from './signed-token';
export * from './invitation-link';

export * from './rows';
export * from './roster-invitations';

export * from './rows';
export * from './roster-invitations';
export * from './organisation-tree';

export * from './mandate-status';
export * from './mandate-changes';

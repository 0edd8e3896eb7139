export * from './mandate-status';

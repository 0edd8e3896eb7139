export * from './databases';
export * from './test-op';

export * from './databases';
export * from './test-op';
export * from './redis';
export * from './own-postgres';
export * from './coverage';

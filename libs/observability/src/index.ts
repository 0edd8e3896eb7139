export * from './metrics-settings';
export * from './metrics-access';
export * from './metrics-registry';
export * from './metrics-server';
export * from './exposition';

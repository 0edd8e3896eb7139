export * from './errors';
export * from './text';
export * from './identity';
export * from './learning';
export * from './catalog';

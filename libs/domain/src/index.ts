export * from './errors';
export * from './text';
export * from './identity';
export * from './learning';
export * from './catalog';
export * from './records';
export * from './assessment';

export * from './common';
export * from './auth';
export * from './catalog';
export * from './learning';
export * from './config-errors';
export * from './content-bundle';
export * from './assessment';
export * from './notifications';

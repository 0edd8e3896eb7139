export * from './checkin-window';
export * from './nearby';
export * from './sessions-held';
export * from './public-services';

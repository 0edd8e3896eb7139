export * from './answer';
export * from './injection';
export * from './passages';
export * from './personal-data';
export * from './question';
export * from './ranking';
export * from './terms';

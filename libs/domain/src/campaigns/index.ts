export * from './indicators';
export * from './scoring';
export * from './guided';
export * from './period';
export * from './awards';

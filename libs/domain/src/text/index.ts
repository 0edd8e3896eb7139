export * from './normalize';
export * from './safe-text';

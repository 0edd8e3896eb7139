export * from './placement-path';

export * from './needle';

export * from './household-rules';

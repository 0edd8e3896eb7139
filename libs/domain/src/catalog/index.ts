export * from './target-groups';

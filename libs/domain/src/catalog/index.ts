export * from './target-groups';
export * from './languages';

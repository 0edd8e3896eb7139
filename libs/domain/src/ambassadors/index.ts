export * from './ambassador-rules';

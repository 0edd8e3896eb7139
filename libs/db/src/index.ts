export * from './entities';
export { dataSourceOptions } from './data-source-options';
export { SnakeNamingStrategy } from './snake-naming.strategy';
export * from './queries';

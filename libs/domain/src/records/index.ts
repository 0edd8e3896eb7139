export * from './xapi';

export * from './detect-material-type';

export * from './registry';
export * from './job-queue';
export * from './in-process-runner';

export * from './course-progress';
export * from './reading-time';
export * from './video-coverage';
export * from './course-requirements';
export * from './video-heartbeat-run';
export * from './course-versions';
export * from './video-questions';
export * from './video-heartbeat-batch';

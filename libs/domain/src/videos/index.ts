export * from './detect-video-container';
export * from './video-ladder';
export * from './video-name';

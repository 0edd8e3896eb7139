export * from './audio-file';
export * from './narration-upload';

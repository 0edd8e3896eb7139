export * from './audio-file';

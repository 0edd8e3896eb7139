export * from './webvtt';

export * from './image-rendition';

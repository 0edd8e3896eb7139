export { type ImageRendition, makeImageRendition, type MediaBinaries } from './image-rendition';

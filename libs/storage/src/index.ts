export { LocalDiskStorage, type ObjectStorage } from './storage';

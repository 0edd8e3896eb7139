export { type ByteRange, LocalDiskStorage, type ObjectStorage } from './storage';
export { S3ObjectStorage, type S3Settings, type StorageSettings } from './s3-storage';
export { createStorage, storageSettings } from './factory';

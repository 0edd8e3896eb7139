import { S3ObjectStorage, type StorageSettings } from './s3-storage';
import { LocalDiskStorage, type ObjectStorage } from './storage';

/** The configured object storage: local disk by default, an S3-compatible bucket when configured. */
export function createStorage(settings: StorageSettings): ObjectStorage {
  return settings.driver === 's3' ? new S3ObjectStorage(settings) : new LocalDiskStorage(settings.dir);
}

/** Storage settings from validated environment values; an S3 driver without its bucket or keys stops the boot. */
export function storageSettings(env: {
  STORAGE_DRIVER: 'local' | 's3';
  STORAGE_DIR: string;
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: 'true' | 'false';
}): StorageSettings {
  if (env.STORAGE_DRIVER === 'local') return { driver: 'local', dir: env.STORAGE_DIR };
  const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
    (k) => !env[k],
  );
  if (missing.length) throw new Error(`STORAGE_DRIVER=s3 needs ${missing.join(', ')}`);
  return {
    driver: 's3',
    endpoint: env.S3_ENDPOINT!,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  };
}

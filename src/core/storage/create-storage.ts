import { join } from 'node:path';
import type { Settings } from '../config.ts';
import { LocalStorage } from './local-storage.ts';
import type { ObjectStorage } from './object-storage.ts';

/** The storage the settings name: local disk under `DATA_DIR/media`, or S3-compatible storage. */
export async function createStorage(settings: Settings): Promise<ObjectStorage> {
  if (settings.storageDriver === 's3') {
    // Loaded only when used: the AWS SDK costs start-up time that local storage does not need.
    const { S3Storage } = await import('./s3-storage.ts');
    return S3Storage.fromSettings(settings);
  }
  return new LocalStorage(join(settings.dataDir, 'media'));
}

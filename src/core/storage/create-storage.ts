import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../config.ts';
import { LocalStorage } from './local-storage.ts';
import type { ObjectStorage } from './object-storage.ts';

/** The storage the settings name: local disk under `DATA_DIR/media` (a temporary directory for an in-memory setup), or S3-compatible storage. */
export async function createStorage(settings: Settings): Promise<ObjectStorage> {
  if (settings.storageDriver === 's3') {
    // Loaded only when used: the AWS SDK costs start-up time that local storage does not need.
    const { S3Storage } = await import('./s3-storage.ts');
    return S3Storage.fromSettings(settings);
  }
  // DATA_DIR=memory keeps the database in memory: its files go to a temporary directory, not to ./memory.
  const root = settings.dataDir === 'memory' ? mkdtempSync(join(tmpdir(), 'wizamart-media-')) : join(settings.dataDir, 'media');
  return new LocalStorage(root);
}

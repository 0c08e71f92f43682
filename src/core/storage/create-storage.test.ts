import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../config.ts';
import { createStorage } from './create-storage.ts';
import { LocalStorage } from './local-storage.ts';

describe('createStorage', () => {
  it('keeps the files of an in-memory setup in a temporary directory, never in ./memory', async () => {
    const storage = await createStorage({ ...loadSettings({}), dataDir: 'memory' });
    expect(storage).toBeInstanceOf(LocalStorage);
    expect((storage as LocalStorage).root.startsWith(tmpdir())).toBe(true);
    expect(existsSync('memory')).toBe(false);
  });

  it('puts files under DATA_DIR/media otherwise, and asks for a bucket for S3', async () => {
    const local = (await createStorage({ ...loadSettings({}), dataDir: '/srv/wizamart' })) as LocalStorage;
    expect(local.root).toBe('/srv/wizamart/media');
    await expect(createStorage({ ...loadSettings({}), storageDriver: 's3' })).rejects.toThrow('S3_BUCKET');
  });
});

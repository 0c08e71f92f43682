import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertObjectKey, type ObjectStorage, type StoredObject } from './object-storage.ts';

/**
 * Objects as files under one directory. The content type is kept in a
 * `.type` file beside each object, so what was uploaded is what is served.
 * Writes go to a temporary file first and are renamed into place, so a
 * reader never sees half a file.
 */
export class LocalStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Buffer, options: { contentType: string }): Promise<void> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, body);
    await writeFile(`${path}.type`, options.contentType);
    await rename(tmp, path);
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.#path(key);
    try {
      const [body, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, 'utf8').catch(() => 'application/octet-stream')]);
      return { body, contentType, size: body.length };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.#path(key);
    await Promise.all([rm(path, { force: true }), rm(`${path}.type`, { force: true })]);
  }

  #path(key: string): string {
    assertObjectKey(key);
    const path = resolve(join(this.root, key));
    // The key pattern already forbids `..`; this is the second lock on the door.
    if (!path.startsWith(this.root + sep)) throw new TypeError(`storage key "${key}" leaves the storage root`);
    return path;
  }
}

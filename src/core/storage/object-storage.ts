/**
 * Where uploaded files live. The framework serves every object at
 * `/media/<key>`; keys are content-addressed by the module that stores
 * them, so an object never changes under its key and can be cached
 * forever. Local disk by default; S3-compatible storage in production,
 * so that every instance sees the same files.
 */
export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly size: number;
  readonly etag?: string;
}

export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, options: { contentType: string }): Promise<void>;
  /** The object, or null when there is none under the key. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are relative paths of safe segments: no `..`, no leading slash, no backslash. */
const KEY_PATTERN = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function isValidObjectKey(key: string): boolean {
  return key.length <= 512 && KEY_PATTERN.test(key);
}

export function assertObjectKey(key: string): void {
  if (!isValidObjectKey(key)) throw new TypeError(`invalid storage key "${key}": use relative paths of letters, digits, '.', '_' and '-'`);
}

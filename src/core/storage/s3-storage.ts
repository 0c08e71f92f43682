import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Settings } from '../config.ts';
import { assertObjectKey, type ObjectStorage, type StoredObject } from './object-storage.ts';

export interface S3StorageOptions {
  readonly bucket: string;
  readonly client: S3Client;
}

/**
 * Objects in an S3 bucket (AWS, or any S3-compatible server with
 * `S3_ENDPOINT`: MinIO, Ceph, Cloudflare R2). Every instance of the
 * platform reads and writes the same bucket.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly #bucket: string;
  readonly #client: S3Client;

  constructor(options: S3StorageOptions) {
    this.#bucket = options.bucket;
    this.#client = options.client;
  }

  static fromSettings(settings: Settings): S3Storage {
    if (!settings.s3Bucket) throw new Error('STORAGE_DRIVER=s3 needs S3_BUCKET');
    const config: S3ClientConfig = {
      region: settings.s3Region,
      ...(settings.s3Endpoint ? { endpoint: settings.s3Endpoint, forcePathStyle: true } : {}),
      ...(settings.s3AccessKeyId && settings.s3SecretAccessKey
        ? { credentials: { accessKeyId: settings.s3AccessKeyId, secretAccessKey: settings.s3SecretAccessKey } }
        : {}),
    };
    return new S3Storage({ bucket: settings.s3Bucket, client: new S3Client(config) });
  }

  async put(key: string, body: Buffer, options: { contentType: string }): Promise<void> {
    assertObjectKey(key);
    await this.#client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentType: options.contentType }));
  }

  async get(key: string): Promise<StoredObject | null> {
    assertObjectKey(key);
    try {
      const out = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!out.Body) return null;
      const body = Buffer.from(await out.Body.transformToByteArray());
      return { body, contentType: out.ContentType ?? 'application/octet-stream', size: body.length, ...(out.ETag ? { etag: out.ETag } : {}) };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }
}

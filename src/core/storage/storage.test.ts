import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../config.ts';
import { createStorage } from './create-storage.ts';
import { LocalStorage } from './local-storage.ts';
import { isValidObjectKey } from './object-storage.ts';
import { S3Storage } from './s3-storage.ts';

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/**
 * The three calls of an S3-compatible server the storage makes (PutObject,
 * GetObject, DeleteObject), path-style as MinIO answers them, over a real
 * socket: the AWS SDK signs and sends exactly what it would send to MinIO.
 */
function fakeS3(bucket: string) {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://s3.test');
      const path = decodeURIComponent(url.pathname);
      seen.push({ method: req.method ?? '', path, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
      const auth = req.headers.authorization ?? '';
      if (!/^AWS4-HMAC-SHA256 Credential=test-key\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(auth)) {
        res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>unsigned</Message></Error>');
        return;
      }
      const prefix = `/${bucket}/`;
      if (!path.startsWith(prefix)) {
        res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchBucket</Code><Message>no bucket</Message></Error>');
        return;
      }
      const key = path.slice(prefix.length);
      if (req.method === 'PUT') {
        objects.set(key, { body: Buffer.concat(chunks), contentType: req.headers['content-type'] ?? 'application/octet-stream' });
        res.writeHead(200, { etag: '"abc"' }).end();
      } else if (req.method === 'GET') {
        const object = objects.get(key);
        if (!object) {
          res.writeHead(404, { 'content-type': 'application/xml' }).end(`<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
          return;
        }
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length, etag: '"abc"' }).end(object.body);
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
  });
  return { server, objects, seen };
}

function s3Settings(endpoint: string): Settings {
  return {
    storageDriver: 's3',
    s3Endpoint: endpoint,
    s3Region: 'eu-central-1',
    s3Bucket: 'wizamart-media',
    s3AccessKeyId: 'test-key',
    s3SecretAccessKey: 'test-secret',
  } as Settings;
}

describe('S3 storage', () => {
  const fake = fakeS3('wizamart-media');
  let endpoint = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('is chosen by STORAGE_DRIVER=s3 and stores, reads and deletes signed, path-style objects in the bucket', async () => {
    const storage = await createStorage(s3Settings(endpoint));
    expect(storage.kind).toBe('s3');
    expect(storage).toBeInstanceOf(S3Storage);

    const body = Buffer.from('%PDF-1.4 a small file');
    await storage.put('media/v7/ab12cd/menu.pdf', body, { contentType: 'application/pdf' });
    expect(fake.objects.get('media/v7/ab12cd/menu.pdf')?.body.equals(body)).toBe(true);
    const put = fake.seen.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({ path: '/wizamart-media/media/v7/ab12cd/menu.pdf', contentType: 'application/pdf' });
    expect(put?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test-key\//);

    const object = await storage.get('media/v7/ab12cd/menu.pdf');
    expect(object?.body.toString()).toBe('%PDF-1.4 a small file');
    expect(object?.contentType).toBe('application/pdf');
    expect(object?.size).toBe(body.length);

    await storage.delete('media/v7/ab12cd/menu.pdf');
    expect(fake.objects.has('media/v7/ab12cd/menu.pdf')).toBe(false);
    expect(fake.seen.at(-1)).toMatchObject({ method: 'DELETE', path: '/wizamart-media/media/v7/ab12cd/menu.pdf' });
  });

  it('answers null for a missing key and refuses keys that are not safe paths before any request', async () => {
    const storage = S3Storage.fromSettings(s3Settings(endpoint));
    expect(await storage.get('media/none/missing.png')).toBeNull();
    const before = fake.seen.length;
    await expect(storage.put('../escape.png', Buffer.from('x'), { contentType: 'image/png' })).rejects.toThrow(/invalid storage key/);
    await expect(storage.get('/absolute.png')).rejects.toThrow(/invalid storage key/);
    expect(fake.seen.length).toBe(before);
  });

  it('fails loudly on a server error instead of answering "no such object"', async () => {
    const client = new S3Client({ endpoint, region: 'eu-central-1', forcePathStyle: true, credentials: { accessKeyId: 'wrong-key', secretAccessKey: 'x' } });
    const storage = new S3Storage({ bucket: 'wizamart-media', client });
    // Signed with another key: the fake answers 403 AccessDenied, which is not a missing object.
    await expect(storage.get('media/x/y.png')).rejects.toThrow();
  });

  it('needs a bucket', () => {
    expect(() => S3Storage.fromSettings({ ...s3Settings(endpoint), s3Bucket: undefined } as unknown as Settings)).toThrow(/S3_BUCKET/);
  });
});

describe('local storage', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'wz-storage-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores, reads and deletes objects under its root with their content type', async () => {
    const storage = new LocalStorage(root);
    await storage.put('media/platform/0a1b/logo.webp', Buffer.from('RIFF....WEBP'), { contentType: 'image/webp' });
    const object = await storage.get('media/platform/0a1b/logo.webp');
    expect(object).toMatchObject({ contentType: 'image/webp', size: 12 });
    expect(object?.body.toString()).toBe('RIFF....WEBP');
    await storage.delete('media/platform/0a1b/logo.webp');
    expect(await storage.get('media/platform/0a1b/logo.webp')).toBeNull();
    // Deleting again is not an error.
    await storage.delete('media/platform/0a1b/logo.webp');
  });

  it('refuses keys that would leave its root', async () => {
    const jail = mkdtempSync(join(root, 'jail-'));
    const storage = new LocalStorage(join(jail, 'inner'));
    for (const key of ['../outside.txt', 'media/../../outside.txt', '/etc/passwd', 'media\\..\\x', 'a//b', '']) {
      expect(isValidObjectKey(key), key).toBe(false);
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
    }
    expect(readdirSync(jail)).toEqual([]);
  });
});

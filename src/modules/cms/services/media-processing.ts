import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type OutputInfo } from 'sharp';
import { AppError } from '../../../exceptions/base.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import { VARIANT_NAMES, type MediaKind, type MediaVariants, type VariantName } from '../models/media.model.ts';

/**
 * Turning an upload into what the media library stores: the type read from
 * the bytes (never from the name or the browser's claim), the original with
 * its EXIF rotation applied and its metadata (camera, GPS position) removed,
 * and WebP copies at three sizes, never larger than the original.
 */

/** What may be uploaded, by the type found in the content. SVG is not here: it can carry scripts. */
export const ALLOWED_TYPES: Readonly<Record<string, { kind: MediaKind; ext: string }>> = Object.freeze({
  'image/png': { kind: 'image', ext: 'png' },
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'image/gif': { kind: 'image', ext: 'gif' },
  'image/avif': { kind: 'image', ext: 'avif' },
  'application/pdf': { kind: 'pdf', ext: 'pdf' },
});

/** The largest image accepted, in pixels (50 megapixels: any camera photo, not a crafted giant canvas). */
export const MAX_PIXELS = 50_000_000;

/** Longest side of each variant, in pixels. */
export const VARIANT_SIZES: Readonly<Record<VariantName, number>> = Object.freeze({ thumb: 200, medium: 800, large: 1600 });

export interface UploadInput {
  /** The name the browser sent; only shown to people and used to name the stored file. */
  readonly filename: string;
  readonly body: Buffer;
  /** The upload was cut at the size limit. */
  readonly truncated?: boolean;
  /** The limit, for the message. */
  readonly maxMb: number;
  /** What the browser claimed, only for the error message when the content is unknown. */
  readonly declaredType?: string | undefined;
}

export interface StoredFile {
  readonly key: string;
  readonly body: Buffer;
  readonly contentType: string;
}

export interface ProcessedUpload {
  readonly kind: MediaKind;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly storageKey: string;
  readonly variants: MediaVariants;
  /** Every object to put in the storage, the original first. */
  readonly files: readonly StoredFile[];
}

const NAME_MAX = 60;

/** A file name reduced to safe storage-key characters: `Été 2024 (1).JPG` → `ete-2024-1`. */
export function safeBaseName(filename: string): string {
  const base = filename.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const ascii = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const safe = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, NAME_MAX).replace(/-+$/, '');
  return safe || 'file';
}

/** The name people see: the uploaded one without any path, bounded. */
function displayName(filename: string, ext: string): string {
  const name = filename.replace(/^.*[\\/]/, '').trim().slice(0, 200);
  return name || `file.${ext}`;
}

/**
 * Checks and prepares an upload. `owner` is the key segment of its owner
 * (`v12` for a vendor, `p1` for a platform); keys are
 * `media/<owner>/<first 16 hex of the SHA-256 of the upload>/<name>[-<variant>].<ext>`.
 */
export async function processUpload(owner: string, input: UploadInput): Promise<ProcessedUpload> {
  if (input.truncated) throw new AppError(CMS_ERRORS.CMS_MEDIA_TOO_LARGE, { max: input.maxMb });
  if (input.body.length === 0) throw new AppError(CMS_ERRORS.CMS_MEDIA_FILE_MISSING);
  const detected = await fileTypeFromBuffer(input.body);
  const allowed = detected ? ALLOWED_TYPES[detected.mime] : undefined;
  if (!detected || !allowed) throw new AppError(CMS_ERRORS.CMS_MEDIA_TYPE_NOT_ALLOWED, { type: detected?.ext ?? describeUnknown(input) });

  const hash = createHash('sha256').update(input.body).digest('hex').slice(0, 16);
  const base = `media/${owner}/${hash}/${safeBaseName(input.filename)}`;
  const filename = displayName(input.filename, allowed.ext);
  if (allowed.kind === 'pdf') {
    const key = `${base}.pdf`;
    return {
      kind: 'pdf', filename, contentType: detected.mime, size: input.body.length, width: null, height: null, storageKey: key, variants: {},
      files: [{ key, body: input.body, contentType: detected.mime }],
    };
  }
  return processImage(base, filename, detected.mime, allowed.ext, input.body);
}

function describeUnknown(input: UploadInput): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(input.filename)?.[1];
  return input.declaredType && input.declaredType !== 'application/octet-stream' ? input.declaredType : ext ? ext.toLowerCase() : 'unknown';
}

async function processImage(base: string, filename: string, mime: string, ext: string, body: Buffer): Promise<ProcessedUpload> {
  // The header first: a small file can claim a huge canvas (a decompression bomb).
  let pixels: number;
  try {
    const meta = await sharp(body).metadata();
    pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0);
  } catch (error) {
    throw new AppError(CMS_ERRORS.CMS_MEDIA_IMAGE_UNREADABLE, { file: filename }, { cause: error });
  }
  if (pixels > MAX_PIXELS) throw new AppError(CMS_ERRORS.CMS_MEDIA_IMAGE_TOO_BIG, { file: filename, max: MAX_PIXELS / 1_000_000 });
  let original: { data: Buffer; info: OutputInfo };
  try {
    original = await encodeOriginal(body, mime);
  } catch (error) {
    throw new AppError(CMS_ERRORS.CMS_MEDIA_IMAGE_UNREADABLE, { file: filename }, { cause: error });
  }
  const key = `${base}.${ext}`;
  const files: StoredFile[] = [{ key, body: original.data, contentType: mime }];
  const variants: MediaVariants = {};
  // In parallel: sharp runs each pipeline on libuv's thread pool.
  const outputs = await Promise.all(
    VARIANT_NAMES.map((name) =>
      sharp(body, { animated: false })
        .rotate()
        .resize({ width: VARIANT_SIZES[name], height: VARIANT_SIZES[name], fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  VARIANT_NAMES.forEach((name, i) => {
    const out = outputs[i]!;
    const variantKey = `${base}-${name}.webp`;
    files.push({ key: variantKey, body: out.data, contentType: 'image/webp' });
    variants[name] = { key: variantKey, width: out.info.width, height: out.info.height };
  });
  return {
    kind: 'image', filename, contentType: mime, size: original.data.length, width: original.info.width, height: original.info.height, storageKey: key, variants,
    files,
  };
}

/**
 * The original as stored: upright and without metadata. Re-encoding costs
 * a little quality, and is the price of never publishing where a photo was
 * taken. An animated GIF keeps its frames (GIF carries no EXIF).
 */
async function encodeOriginal(body: Buffer, mime: string): Promise<{ data: Buffer; info: OutputInfo }> {
  if (mime === 'image/gif') {
    const meta = await sharp(body).metadata();
    return { data: body, info: { width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0 } as OutputInfo };
  }
  const image = sharp(body).rotate();
  const encoded =
    mime === 'image/jpeg' ? image.jpeg({ quality: 90 }) : mime === 'image/png' ? image.png() : mime === 'image/webp' ? image.webp({ quality: 90 }) : image.avif({ quality: 60 });
  return encoded.toBuffer({ resolveWithObject: true });
}

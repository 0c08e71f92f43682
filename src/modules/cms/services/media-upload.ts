import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../exceptions/base.ts';
import { config } from '../config.ts';
import { CMS_ERRORS } from '../exceptions.ts';
import type { UploadInput } from './media-processing.ts';

/**
 * Reading one uploaded file from a multipart request into an UploadInput.
 * The size limit is the module's `maxUploadMb` (CMS_MAX_UPLOAD_MB); a file
 * cut at the limit is marked `truncated`, so the service answers
 * CMS_MEDIA_TOO_LARGE with the limit rather than a generic error.
 */

export function maxUploadBytes(): number {
  return config.maxUploadMb * 1024 * 1024;
}

/** Options of @fastify/multipart for the media routes. */
export function multipartOptions() {
  return { limits: { fileSize: maxUploadBytes(), files: 1, fields: 20, parts: 25 }, throwFileSizeLimit: false } as const;
}

export async function readUploadPart(part: MultipartFile): Promise<UploadInput> {
  const body = await part.toBuffer();
  return { filename: part.filename, body, truncated: part.file.truncated, maxMb: config.maxUploadMb, declaredType: part.mimetype };
}

/** The `file` of a multipart API request (the API reads it after sign-in and permission checks). */
export async function readApiUpload(request: FastifyRequest): Promise<UploadInput> {
  if (!request.isMultipart()) throw new AppError(CMS_ERRORS.CMS_MEDIA_FILE_MISSING);
  const part = await request.file(multipartOptions());
  if (!part) throw new AppError(CMS_ERRORS.CMS_MEDIA_FILE_MISSING);
  return readUploadPart(part);
}

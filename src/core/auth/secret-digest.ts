import { createHash, randomBytes } from 'node:crypto';

/** A random token for a URL or a cookie: 32 bytes, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored as SHA-256 digests: a leaked table holds nothing usable. */
export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

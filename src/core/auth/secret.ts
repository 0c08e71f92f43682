import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Settings } from '../config.ts';
import { EnvConfigError } from '../env-schema.ts';

/**
 * The key that signs access tokens. Production must set AUTH_SECRET (every
 * instance shares it). Elsewhere, on the embedded database, one is generated
 * once and kept in DATA_DIR so sign-ins survive a restart; on a database
 * server without AUTH_SECRET each process makes its own (sessions then end
 * at restart, which is said in the log).
 */
export function resolveAuthSecret(settings: Settings, database: { kind: string; location: string }, logger: FastifyBaseLogger): string {
  if (settings.authSecret) return settings.authSecret;
  if (settings.nodeEnv === 'production') {
    throw new EnvConfigError(['AUTH_SECRET: required in production (32 characters or more, the same on every instance); generate one with `openssl rand -base64 48`']);
  }
  if (database.kind === 'pglite' && database.location !== 'memory') {
    const file = join(settings.dataDir, 'auth-secret');
    try {
      const existing = readFileSync(file, 'utf8').trim();
      if (existing.length >= 32) return existing;
    } catch {
      // Not there yet: made below.
    }
    const secret = randomBytes(48).toString('base64url');
    mkdirSync(settings.dataDir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
  logger.warn('AUTH_SECRET is not set: this process signs tokens with a random key, so sessions end when it restarts');
  return randomBytes(48).toString('base64url');
}

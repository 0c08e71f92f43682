import { Type, type Static } from 'typebox';
import { readEnv } from './env-schema.ts';

/**
 * The platform's own settings, read once from the environment at boot and
 * frozen. Modules have their own settings in `src/modules/<code>/config.ts`.
 */
export const SettingsSchema = Type.Object({
  nodeEnv: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
    description: 'NODE_ENV',
  }),
  host: Type.String({ default: '127.0.0.1', description: 'Interface the HTTP server binds to.' }),
  port: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'HTTP port.' }),
  publicUrl: Type.Optional(Type.String({ description: 'Base URL printed at start-up and used in links.' })),
  dataDir: Type.String({ default: './data', description: 'Embedded database and uploaded files live here.' }),
  databaseUrl: Type.Optional(Type.String({ description: 'PostgreSQL URL; without it the embedded PGlite is used.' })),
  redisUrl: Type.Optional(Type.String({ description: 'Redis URL; tasks run on BullMQ when set, in-process otherwise.' })),
  logLevel: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info' },
  ),
  defaultPlatform: Type.String({ default: 'wizamart', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Platform served when a request names none.' }),
  authSecret: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'Signs access tokens; every instance must share it. Required in production; generated and kept in DATA_DIR otherwise.',
    }),
  ),
  accessTokenTtl: Type.Integer({ default: 900, minimum: 30, maximum: 86_400, description: 'Access token lifetime, seconds.' }),
  refreshTokenTtlDays: Type.Integer({ default: 30, minimum: 1, maximum: 365, description: 'Refresh token (session) lifetime, days.' }),
  smtpUrl: Type.Optional(Type.String({ description: 'SMTP server (smtp://user:pass@host:587); without it mail stays in the outbox.' })),
  mailFrom: Type.String({ default: 'Wizamart <no-reply@wizamart.localhost>', description: 'Sender of platform mail.' }),
  storageDriver: Type.Union([Type.Literal('local'), Type.Literal('s3')], {
    default: 'local',
    description: 'Where uploaded files go: local disk under DATA_DIR/media, or S3-compatible object storage (S3_* variables).',
  }),
  s3Endpoint: Type.Optional(Type.String({ description: 'S3-compatible endpoint URL (MinIO, Ceph, R2…); empty for AWS S3.' })),
  s3Region: Type.String({ default: 'us-east-1', description: 'S3 region.' }),
  s3Bucket: Type.Optional(Type.String({ description: 'S3 bucket holding uploaded files (STORAGE_DRIVER=s3).' })),
  s3AccessKeyId: Type.Optional(Type.String({ description: 'S3 access key id (else the AWS default credential chain).' })),
  s3SecretAccessKey: Type.Optional(Type.String({ description: 'S3 secret access key.' })),
  loginRateLimit: Type.Integer({ default: 20, minimum: 1, maximum: 10_000, description: 'Sign-in attempts per IP address per minute.' }),
  trustProxy: Type.Boolean({ default: false, description: 'Behind a load balancer: read the client IP and host from X-Forwarded-* headers.' }),
  sentryDsn: Type.Optional(Type.String()),
  modulesDir: Type.Optional(Type.String({ description: 'Where modules are discovered; defaults to src/modules.' })),
  workerConcurrency: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
  autoMigrate: Type.Optional(Type.Boolean({ description: 'Migrate to head at start-up (default: on for the embedded database).' })),
});

export type Settings = Readonly<Static<typeof SettingsSchema>>;

/** Reads the platform settings; throws EnvConfigError naming each bad variable. */
export function loadSettings(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  return readEnv(SettingsSchema, env);
}

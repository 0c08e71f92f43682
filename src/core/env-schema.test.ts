import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { envName, EnvConfigError, readEnv } from './env-schema.ts';

const schema = Type.Object({
  apiTimeout: Type.Integer({ default: 30, minimum: 1 }),
  batchSize: Type.Integer({ default: 100 }),
  baseUrl: Type.Optional(Type.String()),
});

describe('readEnv', () => {
  it('reads prefixed, upper-snake variables and applies defaults', () => {
    const config = readEnv(schema, { MARKETPLACE_API_TIMEOUT: '60' }, 'MARKETPLACE_');
    expect(config).toEqual({ apiTimeout: 60, batchSize: 100 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable and what was expected', () => {
    const attempt = () => readEnv(schema, { MARKETPLACE_API_TIMEOUT: 'soon', MARKETPLACE_BATCH_SIZE: '1.5' }, 'MARKETPLACE_');
    expect(attempt).toThrow(EnvConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as EnvConfigError).problems).toEqual([
        'MARKETPLACE_API_TIMEOUT: expected an integer >= 1 (got "soon")',
        'MARKETPLACE_BATCH_SIZE: expected an integer (got "1.5")',
      ]);
    }
  });

  it('maps camelCase keys to environment names', () => {
    expect(envName('DEV_TOOLS_', 'iconSet')).toBe('DEV_TOOLS_ICON_SET');
    expect(envName('', 'databaseUrl')).toBe('DATABASE_URL');
  });
});

describe('readEnv booleans', () => {
  it('accepts the usual spellings of true and false', () => {
    const s = Type.Object({ enabled: Type.Boolean({ default: false }) });
    expect(readEnv(s, { X_ENABLED: 'yes' }, 'X_').enabled).toBe(true);
    expect(readEnv(s, { X_ENABLED: 'off' }, 'X_').enabled).toBe(false);
    expect(() => readEnv(s, { X_ENABLED: 'maybe' }, 'X_')).toThrow(/X_ENABLED: expected true or false \(got "maybe"\)/);
  });
});

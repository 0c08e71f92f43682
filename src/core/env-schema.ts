import { type Static, type TObject, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Reads a TypeBox object schema from environment variables. Each property
 * `fooBar` is read from `<PREFIX>FOO_BAR`; values are coerced to the declared
 * type, defaults applied, then checked. Every problem is reported at once,
 * naming the variable and what was expected, so a bad deployment fails at
 * boot with a message a person can act on.
 *
 * @example
 * const schema = Type.Object({ apiTimeout: Type.Integer({ default: 30, minimum: 1 }) });
 * readEnv(schema, process.env, 'MARKETPLACE_'); // reads MARKETPLACE_API_TIMEOUT
 */
export function readEnv<S extends TObject>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  prefix = '',
): Readonly<Static<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[envName(prefix, key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const problems: string[] = [];
  // TypeBox's conversion is lenient ("1.5" becomes 1 for an integer); a
  // setting that is silently changed is worse than a refused one.
  for (const [key, value] of Object.entries(raw)) {
    const propSchema = schema.properties[key] as Record<string, unknown> | undefined;
    if (propSchema && !looksLike(propSchema.type, String(value))) {
      problems.push(`${envName(prefix, key)}: ${describeExpected(propSchema as TSchema, 'invalid value')} (got "${String(value)}")`);
      delete raw[key];
    } else if (propSchema?.type === 'boolean') {
      raw[key] = /^(true|1|yes|on)$/i.test(String(value).trim());
    }
  }
  const withDefaults = Value.Default(schema, Value.Convert(schema, raw));
  const record = withDefaults as Record<string, unknown>;
  // Checked property by property so each bad variable is reported exactly once.
  for (const [key, propSchema] of Object.entries(schema.properties)) {
    const value = record[key];
    if (value === undefined && !schema.required?.includes(key)) continue;
    if (Value.Check(propSchema, value) || problems.some((p) => p.startsWith(`${envName(prefix, key)}:`))) continue;
    const got = key in raw ? ` (got "${String(raw[key])}")` : ' (not set)';
    problems.push(`${envName(prefix, key)}: ${describeExpected(propSchema, 'invalid value')}${got}`);
  }
  if (problems.length > 0) throw new EnvConfigError(problems);
  return Object.freeze(withDefaults as Static<S>);
}

function looksLike(type: unknown, value: string): boolean {
  if (type === 'integer') return /^[+-]?\d+$/.test(value.trim());
  if (type === 'number') return value.trim() !== '' && Number.isFinite(Number(value));
  if (type === 'boolean') return /^(true|false|1|0|yes|no|on|off)$/i.test(value.trim());
  return true;
}

/** `apiTimeout` with prefix `MARKETPLACE_` → `MARKETPLACE_API_TIMEOUT`. */
export function envName(prefix: string, key: string): string {
  return prefix + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function describeExpected(schema: TSchema | undefined, fallback: string): string {
  if (!schema) return fallback;
  const s = schema as Record<string, unknown>;
  const parts: string[] = [];
  if (Array.isArray(s.anyOf)) {
    const values = (s.anyOf as Array<Record<string, unknown>>).map((v) => v.const).filter((v) => v !== undefined);
    if (values.length > 0) return `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (Array.isArray(s.enum)) return `expected one of ${(s.enum as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  parts.push(`expected ${s.type === 'integer' ? 'an integer' : s.type === 'number' ? 'a number' : s.type === 'boolean' ? 'true or false' : `a ${String(s.type ?? 'value')}`}`);
  if (typeof s.minimum === 'number') parts.push(`>= ${s.minimum}`);
  if (typeof s.maximum === 'number') parts.push(`<= ${s.maximum}`);
  if (typeof s.pattern === 'string') parts.push(`matching ${s.pattern}`);
  if (typeof s.format === 'string') parts.push(`in ${s.format} format`);
  return parts.join(' ');
}

export class EnvConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'EnvConfigError';
    this.problems = problems;
  }
}

import { describe, expect, it } from 'vitest';
import { readDefinition } from './definition-reader.ts';

const read = (body: string) => readDefinition('/m/definition.ts', `import { defineModule } from '../base.ts';\n\nexport const definition = defineModule(${body});\n`);

describe('reading definition.ts without importing it', () => {
  it('reads the fields the tools rely on, with their lines and the defaults', () => {
    const result = read(`{
  code: 'billing',
  name: 'Billing',
  requires: ['payments@^1.0'] as const,
  isCore: false,
  servicesPath: 'services',
  healthCheck: async () => ({ ok: true }),
}`);
    expect(result).toEqual({
      ok: true,
      facts: {
        file: '/m/definition.ts',
        line: 3,
        code: { value: 'billing', line: 4 },
        version: '1.0.0',
        requires: [{ value: 'payments@^1.0', line: 6 }],
        isCore: false,
        isInternal: false,
        isSelfContained: true,
        paths: { servicesPath: { value: 'services', line: 8 } },
      },
    });
  });

  it('refuses values it cannot read and fields defineModule does not know', () => {
    const result = read("{ code: CODE, name: 'X', isCore: flag, requires: [...deps], colour: 'red' }");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      'has unknown field `colour` (defineModule rejects it at boot)',
      'field `code` must be a string literal',
      'field `isCore` must be true or false',
      'field `requires` must be an array of string literals',
    ]);
  });

  it('needs `export const definition = defineModule(...)`', () => {
    const result = readDefinition('/m/definition.ts', "export const module = { code: 'x' };\n");
    expect(!result.ok && result.problems[0]?.message).toMatch(/does not export `definition = defineModule/);
  });
});

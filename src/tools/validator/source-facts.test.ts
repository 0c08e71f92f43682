import { describe, expect, it } from 'vitest';
import { parseFacts } from './source-facts.ts';

const facts = (text: string) => parseFacts('/m/file.ts', text);

describe('reading a source file', () => {
  it('finds static, re-exported, dynamic and type-position imports with their lines', () => {
    const f = facts(
      [
        "import { a } from './a.ts';",
        "import type { B } from '../b.ts';",
        "export { c } from './c.ts';",
        'export async function load(): Promise<void> {',
        "  await import('./d.ts');",
        '}',
        "let e: typeof import('./e.ts');",
      ].join('\n'),
    );
    expect(f.imports).toEqual([
      { specifier: './a.ts', line: 1, typeOnly: false },
      { specifier: '../b.ts', line: 2, typeOnly: true },
      { specifier: './c.ts', line: 3, typeOnly: false },
      { specifier: './d.ts', line: 5, typeOnly: false },
      { specifier: './e.ts', line: 7, typeOnly: true },
    ]);
  });

  it('tells a file of re-exports and aliases from one with code of its own', () => {
    expect(facts("export { x } from './x.ts';\nexport * from './y.ts';").hasOwnCode).toBe(false);
    expect(facts("import { x } from './x.ts';\nexport const y = x;\nexport default x;").hasOwnCode).toBe(false);
    expect(facts('').hasOwnCode).toBe(false);
    expect(facts("import { x } from './x.ts';\nexport const y = x + 1;").hasOwnCode).toBe(true);
    expect(facts('export interface Shape { id: number }').hasOwnCode).toBe(true);
  });

  it('lists runtime exports and leaves type-only ones out', () => {
    const f = facts(
      [
        'export const router = 1, other = 2;',
        'export function up() {}',
        'export default class {}',
        'export type T = string;',
        "export type { U } from './u.ts';",
        'const hidden = 3;',
        'export { hidden as shown };',
      ].join('\n'),
    );
    expect([...f.valueExports].sort()).toEqual(['default', 'other', 'router', 'shown', 'up']);
    expect(f.exportsAll).toBe(false);
    expect(facts("export * from './all.ts';").exportsAll).toBe(true);
  });
});

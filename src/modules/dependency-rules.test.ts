import { describe, expect, it } from 'vitest';
import { defineModule, type ModuleDefinitionInput } from './base.ts';
import { checkDependencyRules } from './dependency-rules.ts';

const mod = (input: Omit<ModuleDefinitionInput, 'name'>) => defineModule({ name: input.code, ...input });
const reasons = (defs: ReturnType<typeof mod>[]) => checkDependencyRules(defs).map((p) => `${p.module}: ${p.reason}`);

describe('dependency rules', () => {
  it('accepts the specification dependency graph', () => {
    const defs = [
      mod({ code: 'payments' }),
      mod({ code: 'cart' }),
      mod({ code: 'orders', requires: ['payments'] }),
      mod({ code: 'billing', requires: ['payments'] }),
      mod({ code: 'checkout', requires: ['cart', 'orders', 'payments'] }),
    ];
    expect(checkDependencyRules(defs)).toEqual([]);
  });

  it('reports an unknown code in requires, naming both modules', () => {
    expect(reasons([mod({ code: 'orders', requires: ['paymnts'] })])).toEqual(['orders: requires unknown module "paymnts"']);
  });

  it('prints a cycle as a path', () => {
    const found = reasons([mod({ code: 'a', requires: ['b'] }), mod({ code: 'b', requires: ['c'] }), mod({ code: 'c', requires: ['a'] })]);
    expect(found).toEqual(['a: circular dependency: a -> b -> c -> a']);
  });

  it('refuses a core module that requires an optional one', () => {
    expect(reasons([mod({ code: 'core', isCore: true, requires: ['billing'] }), mod({ code: 'billing' })])).toEqual([
      'core: core module "core" requires optional module "billing"; core modules may only require core modules',
    ]);
  });

  it('refuses two modules with one code', () => {
    expect(reasons([mod({ code: 'cart' }), mod({ code: 'cart' })])).toEqual(['cart: two modules declare the code "cart"']);
  });

  it('checks a pinned version range against the installed version', () => {
    const installed = mod({ code: 'payments', version: '1.1.0' });
    expect(reasons([installed, mod({ code: 'orders', requires: ['payments@^1.2'] })])).toEqual([
      'orders: requires payments@^1.2 but payments 1.1.0 is installed',
    ]);
    expect(reasons([mod({ code: 'payments', version: '1.4.2' }), mod({ code: 'orders', requires: ['payments@^1.2'] })])).toEqual([]);
    expect(reasons([installed, mod({ code: 'orders', requires: ['payments@not-a-range'] })])[0]).toContain('is not a valid version range');
  });

  it('reports every violation at once', () => {
    const found = reasons([
      mod({ code: 'a', requires: ['b', 'ghost'] }),
      mod({ code: 'b', requires: ['a'] }),
      mod({ code: 'core', isCore: true, requires: ['a'] }),
    ]);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/ghost/);
    expect(found.join('\n')).toMatch(/a -> b -> a/);
    expect(found.join('\n')).toMatch(/core module "core" requires optional module "a"/);
  });
});

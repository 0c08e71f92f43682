import { describe, expect, it } from 'vitest';
import { defineModule, moduleTier, ModuleDefinitionError, parseRequirement } from './base.ts';

describe('defineModule', () => {
  it('fills the defaults of the specification and freezes the result', () => {
    const def = defineModule({ code: 'analytics', name: 'Analytics' });
    expect(def).toMatchObject({
      version: '1.0.0',
      requires: [],
      features: [],
      menuItems: {},
      isCore: false,
      isInternal: false,
      isSelfContained: true,
      permissions: [],
      events: [],
    });
    expect(Object.isFrozen(def)).toBe(true);
    expect(Object.isFrozen(def.requires)).toBe(true);
  });

  it('names every invalid field', () => {
    const attempt = () =>
      defineModule({
        code: 'Bad Code',
        name: 'x',
        version: 'one',
        // @ts-expect-error an unknown field is refused at type level and at run time
        colour: 'red',
      });
    expect(attempt).toThrow(ModuleDefinitionError);
    try {
      attempt();
    } catch (error) {
      const text = (error as ModuleDefinitionError).problems.join('\n');
      expect(text).toMatch(/code/);
      expect(text).toMatch(/version/);
      expect(text).toMatch(/colour|additional/i);
    }
  });

  it('refuses a module that is both core and internal', () => {
    expect(() => defineModule({ code: 'x', name: 'x', isCore: true, isInternal: true })).toThrow(/both core and internal/);
  });

  it('checks menu items, permissions and events', () => {
    expect(() =>
      defineModule({ code: 'x', name: 'x', menuItems: { vendor: [{ id: 'x', label: 'x', path: 'no-slash' }] } }),
    ).toThrow(/menuItems/);
    expect(() => defineModule({ code: 'x', name: 'x', permissions: [{ code: 'NoDot', description: '' }] })).toThrow(/permissions/);
    const def = defineModule({
      code: 'orders',
      name: 'Orders',
      permissions: [{ code: 'orders.manage', description: 'Manage orders' }],
      events: [{ name: 'orders.placed', description: 'An order was placed' }],
      healthCheck: async () => ({ ok: true }),
    });
    expect(def.healthCheck).toBeTypeOf('function');
  });

  it('derives the tier and parses pinned requirements', () => {
    expect(moduleTier({ isCore: true, isInternal: false })).toBe('core');
    expect(moduleTier({ isCore: false, isInternal: true })).toBe('internal');
    expect(moduleTier({ isCore: false, isInternal: false })).toBe('optional');
    expect(parseRequirement('payments@^1.2')).toEqual({ code: 'payments', range: '^1.2' });
    expect(parseRequirement('cart')).toEqual({ code: 'cart', range: undefined });
  });
});

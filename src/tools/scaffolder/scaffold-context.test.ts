import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { literal, scaffoldContext, titleOf } from './scaffold-context.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

const context = (moduleDir: string) =>
  scaffoldContext({ code: 'gift-cards', name: 'Gift Cards', description: '', tier: 'optional', requires: [], frontends: ['admin'], moduleDir });

describe('the scaffold context', () => {
  it('spells the code every way the generated files need', () => {
    const c = context(join(SRC, 'modules/gift-cards'));
    expect([c.pascal, c.camel, c.snake, c.constant, c.table, c.migrationFile]).toEqual([
      'GiftCards',
      'giftCards',
      'gift_cards',
      'GIFT_CARDS',
      'gift_cards_items',
      'gift_cards_001_create_gift_cards_items.ts',
    ]);
  });

  it('imports the framework with the short paths of src/modules when generated there', () => {
    const c = context(join(SRC, 'modules/gift-cards'));
    expect(c.importFrom('', 'base')).toBe('../base.ts');
    expect(c.importFrom('routes/api', 'routes')).toBe('../../../routes.ts');
    expect(c.importFrom('services', 'errors')).toBe('../../../exceptions/base.ts');
    expect(c.importFrom('tests', 'testApp')).toBe('../../../../tests/helpers/test-app.ts');
  });

  it('reaches the same framework files from a modules root elsewhere', () => {
    const c = context(join(SRC, '../tmp/x/modules/gift-cards'));
    expect(c.importFrom('', 'base')).toBe('../../../../src/modules/base.ts');
  });

  it('writes names as safe literals and titles', () => {
    expect(literal("Bob's \\ shop")).toBe("'Bob\\'s \\\\ shop'");
    expect(titleOf('gift-cards')).toBe('Gift Cards');
  });
});

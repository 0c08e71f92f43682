import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../app.ts';
import { verifyPassword } from '../../../core/auth/passwords.ts';
import { loadDemoData, type DemoDataResult } from '../../../core/demo-data.ts';
import { LocalStorage } from '../../../core/storage/local-storage.ts';
import { DEFAULT_MODULES_DIR } from '../../discovery.ts';
import { ModuleService } from '../../service.ts';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/test-database.ts';
import { DEMO_CUSTOMER } from '../demo.ts';
import type { CustomersTables } from '../models/customer.model.ts';

describe('customers demo data', () => {
  let t: TestDatabase;
  let storageDir: string;
  let first: DemoDataResult;
  let second: DemoDataResult;

  beforeAll(async () => {
    const registry = await loadRegistry(DEFAULT_MODULES_DIR);
    t = await createTestDatabase(registry);
    const modules = new ModuleService(t.db, registry, t.notifier);
    await modules.start();
    storageDir = mkdtempSync(join(tmpdir(), 'wz-demo-customers-'));
    const storage = new LocalStorage(storageDir);
    first = await loadDemoData({ db: t.db, registry, modules, storage });
    second = await loadDemoData({ db: t.db, registry, modules, storage });
  });
  afterAll(async () => {
    await t?.close();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  const customers = () =>
    t.db
      .withTables<CustomersTables & { vendors: { id: number; code: string } }>()
      .selectFrom('customers as c')
      .innerJoin('vendors as v', 'v.id', 'c.vendor_id')
      .select(['v.code', 'c.id', 'c.email', 'c.language', 'c.tags', 'c.created_at', 'c.password_hash'])
      .execute();

  it('gives each demo shop customers in several languages, with vip tags and recent sign-ups', async () => {
    const rows = await customers();
    for (const code of ['luxe-boutique', 'atelier-moselle']) {
      const mine = rows.filter((r) => r.code === code);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(new Set(mine.map((r) => r.language)).size).toBeGreaterThanOrEqual(3);
      expect(mine.some((r) => r.tags.includes('vip'))).toBe(true);
      expect(mine.some((r) => Date.now() - r.created_at.getTime() < 30 * 24 * 60 * 60 * 1000)).toBe(true);
    }
    const addresses = await t.db.withTables<CustomersTables>().selectFrom('customer_addresses').select('id').execute();
    expect(addresses.length).toBeGreaterThan(0);
  });

  it('has one customer who signs in with the documented password, at one shop only', async () => {
    const rows = (await customers()).filter((r) => r.email === DEMO_CUSTOMER.email);
    expect(rows.map((r) => r.code).sort()).toEqual(['atelier-moselle', 'luxe-boutique']);
    const known = rows.find((r) => r.code === DEMO_CUSTOMER.vendor)!;
    expect(await verifyPassword(known.password_hash, DEMO_CUSTOMER.password)).toBe(true);
    expect(rows.find((r) => r.code !== DEMO_CUSTOMER.vendor)!.password_hash).toBeNull();
  });

  // Tenancy's loader runs first (it provides the tenants), so the first run already finds the demo shops.
  it('creates every demo customer on the first run, and none on the second', async () => {
    expect(first.created.filter((r) => r.source === 'customers' && r.kind === 'customer')).toHaveLength(8);
    expect(first.created.filter((r) => r.kind === 'customer_segment').map((r) => r.key)).toContain('luxe-boutique:VIP');
    expect(second.created.filter((r) => r.source === 'customers')).toEqual([]);
    // The customer's sign-in is printed with the others on every run.
    expect(second.credentials.customers).toEqual([{ vendor: DEMO_CUSTOMER.vendor, email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }]);
    expect((await customers()).length).toBe(8);
  });
});

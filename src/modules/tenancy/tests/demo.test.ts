import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../core/auth/passwords.ts';
import { loadDemoData, type DemoDataResult } from '../../../core/demo-data.ts';
import { LocalStorage } from '../../../core/storage/local-storage.ts';
import { loadRegistry } from '../../../app.ts';
import { DEFAULT_MODULES_DIR } from '../../discovery.ts';
import type { ModuleRegistry } from '../../registry.ts';
import { ModuleService } from '../../service.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { tenantResolver } from '../services/tenant-resolver.ts';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/test-database.ts';

const EXPECTED_CREDENTIALS = {
  admin: { email: 'admin@wizamart.lu', password: 'wizamart-admin-demo' },
  vendors: [
    { code: 'luxe-boutique', name: 'Luxe Boutique', owner: { email: 'owner@luxe-boutique.lu', password: 'luxe-owner-demo' } },
    { code: 'atelier-moselle', name: 'Atelier Moselle', owner: { email: 'owner@atelier-moselle.lu', password: 'moselle-owner-demo' } },
  ],
};

describe('tenancy demo data', () => {
  let t: TestDatabase;
  let registry: ModuleRegistry;
  let modules: ModuleService;
  let first: DemoDataResult;
  let second: DemoDataResult;
  let storageDir: string;

  beforeAll(async () => {
    registry = await loadRegistry(DEFAULT_MODULES_DIR);
    t = await createTestDatabase(registry);
    modules = new ModuleService(t.db, registry, t.notifier);
    await modules.start();
    storageDir = mkdtempSync(join(tmpdir(), 'wz-demo-'));
    const storage = new LocalStorage(storageDir);
    first = await loadDemoData({ db: t.db, registry, modules, storage });
    second = await loadDemoData({ db: t.db, registry, modules, storage });
  });

  afterAll(async () => {
    await modules?.stop();
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const tenancyRecords = (result: DemoDataResult) => result.created.filter((r) => r.source === 'tenancy');

  it('creates the domain, the super admin, the company, both vendors and their owners on the first run', () => {
    expect(tenancyRecords(first)).toEqual([
      { kind: 'domain', key: 'wizamart.localhost', platform: 'wizamart', source: 'tenancy' },
      { kind: 'user', key: 'admin@wizamart.lu', source: 'tenancy' },
      { kind: 'company', key: 'Luxe Retail S.à r.l.', platform: 'wizamart', source: 'tenancy' },
      { kind: 'vendor', key: 'luxe-boutique', platform: 'wizamart', source: 'tenancy' },
      { kind: 'user', key: 'owner@luxe-boutique.lu', platform: 'wizamart', source: 'tenancy' },
      { kind: 'vendor', key: 'atelier-moselle', platform: 'wizamart', source: 'tenancy' },
      { kind: 'user', key: 'owner@atelier-moselle.lu', platform: 'wizamart', source: 'tenancy' },
    ]);
  });

  it('creates nothing the second time, and still reports the sign-ins both times', () => {
    expect(tenancyRecords(second)).toEqual([]);
    expect(first.credentials).toMatchObject(EXPECTED_CREDENTIALS);
    expect(second.credentials).toMatchObject(EXPECTED_CREDENTIALS);
  });

  it('stores each account once, with a hash of its printed password, and each owner on their vendor', async () => {
    const db = t.db.withTables<TenancyTables>();
    const admins = await db.selectFrom('admin_users').select(['email', 'name', 'password_hash', 'is_super_admin', 'status']).execute();
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ email: 'admin@wizamart.lu', name: 'Ada Admin', is_super_admin: true, status: 'active' });
    expect(await verifyPassword(admins[0]!.password_hash, 'wizamart-admin-demo')).toBe(true);

    const owners = await db
      .selectFrom('vendor_memberships as m')
      .innerJoin('vendor_users as u', 'u.id', 'm.user_id')
      .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
      .select(['v.code', 'v.status', 'u.email', 'u.name', 'u.password_hash', 'm.builtin_role'])
      .orderBy('v.code')
      .execute();
    expect(owners.map(({ password_hash: _hash, ...rest }) => rest)).toEqual([
      { code: 'atelier-moselle', status: 'active', email: 'owner@atelier-moselle.lu', name: 'Marc Owner', builtin_role: 'owner' },
      { code: 'luxe-boutique', status: 'active', email: 'owner@luxe-boutique.lu', name: 'Léa Owner', builtin_role: 'owner' },
    ]);
    expect(await verifyPassword(owners[1]!.password_hash, 'luxe-owner-demo')).toBe(true);
    expect(await db.selectFrom('companies').select('name').execute()).toEqual([{ name: 'Luxe Retail S.à r.l.' }]);
  });

  it('makes the vendors reachable on subdomains of wizamart.localhost', async () => {
    const match = await tenantResolver.resolveHost({ db: t.db, host: 'atelier-moselle.wizamart.localhost' });
    expect(match?.platform.code).toBe('wizamart');
    expect(match?.vendor).toMatchObject({ code: 'atelier-moselle', name: 'Atelier Moselle', status: 'active' });
    expect((await tenantResolver.resolveHost({ db: t.db, host: 'wizamart.localhost' }))?.vendor).toBeUndefined();
  });
});

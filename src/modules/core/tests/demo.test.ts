import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../app.ts';
import { loadDemoData, type DemoDataResult } from '../../../core/demo-data.ts';
import { LocalStorage } from '../../../core/storage/local-storage.ts';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/test-database.ts';
import { DEFAULT_MODULES_DIR } from '../../discovery.ts';
import { ModuleService } from '../../service.ts';
import { checkVatNumber } from '../services/settings-rules.ts';
import { settingsDb } from '../services/settings.tables.ts';
import { loadStoreSettings } from '../services/store-settings.service.ts';

describe('core demo data', () => {
  let t: TestDatabase;
  let modules: ModuleService;
  let storageDir: string;
  const runs: DemoDataResult[] = [];

  beforeAll(async () => {
    const registry = await loadRegistry(DEFAULT_MODULES_DIR);
    t = await createTestDatabase(registry);
    modules = new ModuleService(t.db, registry, t.notifier);
    await modules.start();
    storageDir = mkdtempSync(join(tmpdir(), 'wz-core-demo-'));
    const storage = new LocalStorage(storageDir);
    // Tenancy's vendors may come after core's loader in the first run; the second fills in what was missing.
    for (let i = 0; i < 3; i += 1) runs.push(await loadDemoData({ db: t.db, registry, modules, storage }));
  });

  afterAll(async () => {
    await modules?.stop();
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('gives both demo shops Luxembourg settings with valid VAT numbers and opening hours', async () => {
    const db = settingsDb(t.db);
    const vendors = await db.selectFrom('vendors').select(['id', 'code']).where('code', 'in', ['luxe-boutique', 'atelier-moselle']).orderBy('code').execute();
    expect(vendors).toHaveLength(2);
    const [moselle, luxe] = await Promise.all(vendors.map((v) => loadStoreSettings(db, v.id)));
    expect(luxe).toMatchObject({ address: { city: 'Luxembourg', postalCode: 'L-1660', country: 'LU' }, defaultLanguage: 'fr' });
    expect(moselle).toMatchObject({ address: { city: 'Remich', postalCode: 'L-5533', country: 'LU' }, defaultLanguage: 'lu' });
    for (const store of [luxe!, moselle!]) {
      expect(checkVatNumber(store.vatNumber!)).toEqual({ value: store.vatNumber });
      expect(Object.values(store.openingHours).filter((d) => !d.closed).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('creates nothing once everything is there', () => {
    expect(runs[2]!.created.filter((r) => r.source === 'core')).toEqual([]);
    const all = runs.flatMap((r) => r.created.filter((c) => c.source === 'core').map((c) => `${c.kind}:${c.key}`));
    expect(all.sort()).toEqual(['platform settings:wizamart', 'store settings:atelier-moselle', 'store settings:luxe-boutique']);
  });
});

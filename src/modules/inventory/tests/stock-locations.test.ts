import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { buildMenu } from '../../views.ts';
import type { InventoryTables } from '../models/stock-location.model.ts';

const API = '/api/v1/vendor/inventory';

interface Location {
  id: number;
  code: string;
  name: string;
  kind: string;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  is_default: boolean;
  is_active: boolean;
}

interface Owner {
  vendor: TestVendor;
  userId: number;
  headers: Record<string, string>;
}

async function newOwner(app: App): Promise<Owner> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role: 'owner' });
  return { vendor, userId: user.id, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

async function createLocation(app: App, owner: Owner, payload: Record<string, unknown>): Promise<Location> {
  const res = await app.inject({ method: 'POST', url: `${API}/locations`, headers: owner.headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Location>();
}

function rowsOf(app: App, vendorId: number) {
  return app.wizamart.database.db.withTables<InventoryTables>().selectFrom('inventory_locations').selectAll().where('vendor_id', '=', vendorId).orderBy('id').execute();
}

function errorCode(res: { json: () => unknown }): string | undefined {
  return (res.json() as { error?: { code: string } }).error?.code;
}

describe('stock locations', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  describe('vendor API', () => {
    it('creates, reads, updates and deletes locations; the first one becomes the default', async () => {
      const owner = await newOwner(app);
      const empty = await app.inject({ method: 'GET', url: `${API}/locations`, headers: owner.headers });
      expect(empty.json()).toEqual({ locations: [] });

      const main = await createLocation(app, owner, { code: 'wh-lux', name: '  Main   warehouse ', address_line: '12, rue de la Gare', postal_code: 'l-1234', city: 'Luxembourg' });
      expect(main).toMatchObject({ code: 'WH-LUX', name: 'Main warehouse', kind: 'warehouse', postal_code: 'L-1234', country: 'LU', is_default: true, is_active: true });
      const shop = await createLocation(app, owner, { code: 'SHOP_1', name: 'Shop Esch', kind: 'store', country: 'lu', city: 'Esch-sur-Alzette' });
      expect(shop).toMatchObject({ kind: 'store', country: 'LU', is_default: false });
      const point = await createLocation(app, owner, { code: 'PU-ARLON', name: 'Arlon pick-up', kind: 'pickup', country: 'BE' });
      expect(point.is_default).toBe(false);

      const list = await app.inject({ method: 'GET', url: `${API}/locations`, headers: owner.headers });
      expect(list.statusCode).toBe(200);
      // The default first, then by name.
      expect(list.json<{ locations: Location[] }>().locations.map((l) => l.code)).toEqual(['WH-LUX', 'PU-ARLON', 'SHOP_1']);

      const one = await app.inject({ method: 'GET', url: `${API}/locations/${shop.id}`, headers: owner.headers });
      expect(one.json()).toMatchObject({ id: shop.id, name: 'Shop Esch', city: 'Esch-sur-Alzette' });

      const patched = await app.inject({
        method: 'PATCH',
        url: `${API}/locations/${shop.id}`,
        headers: owner.headers,
        payload: { name: 'Shop Esch centre', city: null, postal_code: 'L-4001', is_active: false },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({ code: 'SHOP_1', name: 'Shop Esch centre', city: null, postal_code: 'L-4001', kind: 'store', is_active: false });

      const deleted = await app.inject({ method: 'DELETE', url: `${API}/locations/${point.id}`, headers: owner.headers });
      expect(deleted.statusCode).toBe(204);
      const gone = await app.inject({ method: 'GET', url: `${API}/locations/${point.id}`, headers: owner.headers });
      expect(gone.statusCode).toBe(404);
      expect(errorCode(gone)).toBe('INVENTORY_LOCATION_NOT_FOUND');
      expect((await rowsOf(app, owner.vendor.id)).map((r) => r.code)).toEqual(['WH-LUX', 'SHOP_1']);
    });

    it('refuses invalid input with the module’s error codes and writes nothing', async () => {
      const owner = await newOwner(app);
      const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `${API}/locations`, headers: owner.headers, payload });
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ code: 'has space', name: 'Depot' }, 400, 'INVENTORY_LOCATION_CODE_INVALID'],
        [{ code: '-LEADING', name: 'Depot' }, 400, 'INVENTORY_LOCATION_CODE_INVALID'],
        [{ code: 'X'.repeat(33), name: 'Depot' }, 400, 'INVENTORY_LOCATION_CODE_INVALID'],
        [{ code: 'WH', name: '   ' }, 400, 'INVENTORY_LOCATION_NAME_INVALID'],
        [{ code: 'WH', name: 'n'.repeat(121) }, 400, 'INVENTORY_LOCATION_NAME_INVALID'],
        [{ code: 'WH', name: 'Depot', country: 'XX' }, 400, 'INVENTORY_LOCATION_COUNTRY_INVALID'],
        [{ code: 'WH', name: 'Depot', country: 'EU' }, 400, 'INVENTORY_LOCATION_COUNTRY_INVALID'],
        [{ code: 'WH', name: 'Depot', postal_code: 'L-12#4' }, 400, 'INVENTORY_LOCATION_POSTAL_CODE_INVALID'],
        [{ code: 'WH', name: 'Depot', city: 'c'.repeat(101) }, 400, 'INVENTORY_LOCATION_CITY_INVALID'],
        [{ code: 'WH', name: 'Depot', kind: 'garage' }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [payload, status, code] of cases) {
        const res = await post(payload);
        expect([res.statusCode, errorCode(res)], JSON.stringify(payload)).toEqual([status, code]);
      }
      expect(await rowsOf(app, owner.vendor.id)).toEqual([]);

      // Codes are compared upper-case: "wh-1" is the same location as "WH-1".
      const first = await createLocation(app, owner, { code: 'WH-1', name: 'Depot one' });
      const taken = await post({ code: 'wh-1', name: 'Depot again' });
      expect([taken.statusCode, errorCode(taken)]).toEqual([409, 'INVENTORY_LOCATION_CODE_TAKEN']);
      const second = await createLocation(app, owner, { code: 'WH-2', name: 'Depot two' });
      const renamed = await app.inject({ method: 'PATCH', url: `${API}/locations/${second.id}`, headers: owner.headers, payload: { code: 'Wh-1' } });
      expect([renamed.statusCode, errorCode(renamed)]).toEqual([409, 'INVENTORY_LOCATION_CODE_TAKEN']);
      const badPatch = await app.inject({ method: 'PATCH', url: `${API}/locations/${first.id}`, headers: owner.headers, payload: { country: 'lux' } });
      expect([badPatch.statusCode, errorCode(badPatch)]).toEqual([400, 'INVENTORY_LOCATION_COUNTRY_INVALID']);
      expect((await rowsOf(app, owner.vendor.id)).map((r) => [r.code, r.name, r.country])).toEqual([
        ['WH-1', 'Depot one', 'LU'],
        ['WH-2', 'Depot two', 'LU'],
      ]);
    });

    it('moves the default in one step and never deletes nor deactivates the default location', async () => {
      const owner = await newOwner(app);
      const a = await createLocation(app, owner, { code: 'A', name: 'Alpha' });
      const b = await createLocation(app, owner, { code: 'B', name: 'Beta', kind: 'store' });

      const refused = await app.inject({ method: 'DELETE', url: `${API}/locations/${a.id}`, headers: owner.headers });
      expect([refused.statusCode, errorCode(refused)]).toEqual([409, 'INVENTORY_LOCATION_IS_DEFAULT']);
      const deactivate = await app.inject({ method: 'PATCH', url: `${API}/locations/${a.id}`, headers: owner.headers, payload: { is_active: false } });
      expect([deactivate.statusCode, errorCode(deactivate)]).toEqual([409, 'INVENTORY_LOCATION_DEFAULT_MUST_STAY_ACTIVE']);

      const moved = await app.inject({ method: 'POST', url: `${API}/locations/${b.id}/default`, headers: owner.headers });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ id: b.id, is_default: true });
      expect((await rowsOf(app, owner.vendor.id)).map((r) => [r.code, r.is_default])).toEqual([
        ['A', false],
        ['B', true],
      ]);
      // Making the default the default again changes nothing.
      const again = await app.inject({ method: 'POST', url: `${API}/locations/${b.id}/default`, headers: owner.headers });
      expect(again.json()).toMatchObject({ id: b.id, is_default: true });

      // An inactive location cannot become the default.
      await app.inject({ method: 'PATCH', url: `${API}/locations/${a.id}`, headers: owner.headers, payload: { is_active: false } });
      const inactive = await app.inject({ method: 'POST', url: `${API}/locations/${a.id}/default`, headers: owner.headers });
      expect([inactive.statusCode, errorCode(inactive)]).toEqual([409, 'INVENTORY_LOCATION_INACTIVE']);

      expect((await app.inject({ method: 'DELETE', url: `${API}/locations/${a.id}`, headers: owner.headers })).statusCode).toBe(204);
      const rows = await rowsOf(app, owner.vendor.id);
      expect(rows.map((r) => [r.code, r.is_default])).toEqual([['B', true]]);
    });

    it('locations created at the same moment still leave one default and one holder of each code', async () => {
      const owner = await newOwner(app);
      const post = (code: string) => app.inject({ method: 'POST', url: `${API}/locations`, headers: owner.headers, payload: { code, name: `Location ${code}` } });
      const firsts = await Promise.all([post('P1'), post('P2'), post('P3')]);
      expect(firsts.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      expect((await rowsOf(app, owner.vendor.id)).filter((r) => r.is_default)).toHaveLength(1);

      const sameCode = await Promise.all([post('TWIN'), post('twin')]);
      expect(sameCode.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(sameCode.map(errorCode)).toContain('INVENTORY_LOCATION_CODE_TAKEN');
      expect((await rowsOf(app, owner.vendor.id)).filter((r) => r.code === 'TWIN')).toHaveLength(1);
    });

    it('the database itself refuses a second default location of a vendor', async () => {
      const owner = await newOwner(app);
      await createLocation(app, owner, { code: 'ONE', name: 'One' });
      const db = app.wizamart.database.db.withTables<InventoryTables>();
      await expect(db.insertInto('inventory_locations').values({ vendor_id: owner.vendor.id, code: 'TWO', name: 'Two', is_default: true }).execute()).rejects.toThrow(
        /inventory_locations_one_default_idx/,
      );
    });
  });

  describe('isolation between vendors', () => {
    it("vendor A's owner gets 404 on every one of B's locations, and B's rows stay as they were", async () => {
      const a = await newOwner(app);
      const b = await newOwner(app);
      await createLocation(app, a, { code: 'A-MAIN', name: 'A main' });
      const bMain = await createLocation(app, b, { code: 'B-MAIN', name: 'B main' });
      const bShop = await createLocation(app, b, { code: 'B-SHOP', name: 'B shop', kind: 'store' });
      const before = await rowsOf(app, b.vendor.id);

      for (const id of [bMain.id, bShop.id]) {
        const attempts = [
          app.inject({ method: 'GET', url: `${API}/locations/${id}`, headers: a.headers }),
          app.inject({ method: 'PATCH', url: `${API}/locations/${id}`, headers: a.headers, payload: { name: 'Taken over', is_active: false } }),
          app.inject({ method: 'DELETE', url: `${API}/locations/${id}`, headers: a.headers }),
          app.inject({ method: 'POST', url: `${API}/locations/${id}/default`, headers: a.headers }),
        ];
        for (const res of await Promise.all(attempts)) {
          expect([res.statusCode, errorCode(res)]).toEqual([404, 'INVENTORY_LOCATION_NOT_FOUND']);
        }
      }
      const aList = await app.inject({ method: 'GET', url: `${API}/locations`, headers: a.headers });
      expect(aList.json<{ locations: Location[] }>().locations.map((l) => l.code)).toEqual(['A-MAIN']);
      // A vendor id in the body is never trusted (the schema drops unknown fields): the location is A's.
      const smuggled = await app.inject({ method: 'POST', url: `${API}/locations`, headers: a.headers, payload: { code: 'SMUGGLED', name: 'Smuggled', vendor_id: b.vendor.id } });
      expect(smuggled.statusCode).toBe(201);
      expect((await rowsOf(app, a.vendor.id)).map((r) => r.code)).toEqual(['A-MAIN', 'SMUGGLED']);

      // The pages answer the same: another vendor's id is not found, and another vendor's URL is refused.
      const page = await PageSession.signedIn(app, 'vendor', a.userId, a.vendor.id);
      expect((await page.get(`/vendor/${a.vendor.code}/inventory/locations/${bShop.id}`)).statusCode).toBe(404);
      await page.get(`/vendor/${a.vendor.code}/inventory/locations`);
      expect((await page.post(`/vendor/${a.vendor.code}/inventory/locations/${bShop.id}/delete`)).statusCode).toBe(404);
      expect((await page.post(`/vendor/${a.vendor.code}/inventory/locations/${bShop.id}/default`)).statusCode).toBe(404);
      expect((await page.post(`/vendor/${a.vendor.code}/inventory/locations/${bShop.id}`, { code: 'X', name: 'X', kind: 'store', country: 'LU' })).statusCode).toBe(404);
      expect((await page.get(`/vendor/${b.vendor.code}/inventory`)).statusCode).toBe(403);

      expect(await rowsOf(app, b.vendor.id)).toEqual(before);
    });
  });

  describe('permissions', () => {
    it('a staff member sees the overview and lists locations, but cannot open the management page nor create', async () => {
      const owner = await newOwner(app);
      await createLocation(app, owner, { code: 'DEPOT', name: 'Depot Bettembourg', city: 'Bettembourg' });
      const staff = await createVendorUser(app, owner.vendor, { role: 'staff' });
      const headers = await bearerHeaders(app, 'vendor', staff.id, owner.vendor.id);

      const list = await app.inject({ method: 'GET', url: `${API}/locations`, headers });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ locations: Location[] }>().locations.map((l) => l.code)).toEqual(['DEPOT']);
      const create = await app.inject({ method: 'POST', url: `${API}/locations`, headers, payload: { code: 'NEW', name: 'New' } });
      expect(create.statusCode).toBe(403);

      const page = await PageSession.signedIn(app, 'vendor', staff.id, owner.vendor.id);
      const overview = await page.get(`/vendor/${owner.vendor.code}/inventory`);
      expect(overview.statusCode).toBe(200);
      expect(overview.body).toContain('Depot Bettembourg');
      expect(overview.body).not.toContain('data-testid="manage-locations"');
      // The sidebar offers the overview, not the management page.
      expect(overview.body).toContain(`href="/vendor/${owner.vendor.code}/inventory"`);
      expect(overview.body).not.toContain(`href="/vendor/${owner.vendor.code}/inventory/locations"`);
      expect((await page.get(`/vendor/${owner.vendor.code}/inventory/locations`)).statusCode).toBe(403);
      expect((await page.post(`/vendor/${owner.vendor.code}/inventory/locations`, { code: 'NEW', name: 'New', kind: 'store', country: 'LU' })).statusCode).toBe(403);
      expect((await rowsOf(app, owner.vendor.id)).map((r) => r.code)).toEqual(['DEPOT']);
    });
  });

  describe('vendor pages', () => {
    it('the overview counts locations per kind and says stock levels arrive with the catalog', async () => {
      const owner = await newOwner(app);
      const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
      const empty = await page.get(`/vendor/${owner.vendor.code}/inventory`);
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('data-testid="overview-empty"');

      await createLocation(app, owner, { code: 'WH-1', name: 'Hall Contern', kind: 'warehouse', city: 'Contern' });
      await createLocation(app, owner, { code: 'WH-2', name: 'Hall Foetz', kind: 'warehouse', is_active: false });
      await createLocation(app, owner, { code: 'PU-1', name: 'Locker Gare', kind: 'pickup', city: 'Luxembourg' });
      const res = await page.get(`/vendor/${owner.vendor.code}/inventory`);
      expect(res.statusCode).toBe(200);
      const count = (kind: string) => new RegExp(`data-testid="count-${kind}">(\\d+)<`).exec(res.body)?.[1];
      expect([count('total'), count('warehouse'), count('store'), count('pickup')]).toEqual(['3', '2', '0', '1']);
      expect(res.body).toContain('Stock levels per product arrive with the catalog');
      expect(res.body.match(/data-testid="default-badge"/g)).toHaveLength(1);
      expect(res.body).toContain('Contern · Luxembourg');

      const german = await page.get(`/vendor/${owner.vendor.code}/inventory?lang=de`);
      expect(german.body).toContain('Bestände pro Produkt kommen mit dem Katalog');
      expect(german.body).toContain('Abholstellen');
    });

    it('an owner creates, edits, switches the default and deletes locations from the pages', async () => {
      const owner = await newOwner(app);
      const base = `/vendor/${owner.vendor.code}/inventory/locations`;
      const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
      const listPage = await page.get(base);
      expect(listPage.statusCode).toBe(200);
      expect(listPage.body).toContain('data-testid="locations-empty"');
      expect(listPage.body).toContain('<option value="LU" selected>Luxembourg</option>');

      const form = { code: 'hq', name: 'Headquarters', kind: 'warehouse', address_line: '1, rue Large', postal_code: 'L-1917', city: 'Luxembourg', country: 'LU' };
      const created = await page.post(base, form);
      expect(created.statusCode).toBe(303);
      expect(created.headers.location).toBe(`${base}?notice=created`);

      // A refused form comes back with the translated error and what was typed.
      const refused = await page.post(`${base}?lang=fr`, { ...form, name: 'Second HQ' });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('Vous avez déjà un emplacement de stock avec le code « HQ »');
      expect(refused.body).toContain('value="Second HQ"');
      const badCountry = await page.post(`${base}?lang=en`, { ...form, code: 'B', country: 'ZZ' });
      expect(badCountry.statusCode).toBe(400);
      expect(badCountry.body).toContain('is not an ISO country code');

      expect((await page.post(base, { code: 'shop', name: 'Shop Clausen', kind: 'store', country: 'LU' })).statusCode).toBe(303);
      const [hq, shop] = await rowsOf(app, owner.vendor.id);
      expect(hq).toMatchObject({ code: 'HQ', is_default: true, postal_code: 'L-1917' });
      expect(shop).toMatchObject({ code: 'SHOP', is_default: false, kind: 'store' });

      const edit = await page.get(`${base}/${shop!.id}`);
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain('data-confirm="Delete the stock location “Shop Clausen”? This cannot be undone."');
      const saved = await page.post(`${base}/${shop!.id}`, { code: 'SHOP', name: 'Shop Clausen', kind: 'store', country: 'LU', city: 'Luxembourg', is_active: '1' });
      expect(saved.headers.location).toBe(`${base}/${shop!.id}?notice=saved`);

      // The default's edit page has no delete button; a forged delete is refused with the reason.
      const hqPage = await page.get(`${base}/${hq!.id}`);
      expect(hqPage.body).not.toContain(`action="${base}/${hq!.id}/delete"`);
      const refusedDelete = await page.post(`${base}/${hq!.id}/delete`);
      expect(refusedDelete.statusCode).toBe(409);
      expect(refusedDelete.body).toContain('data-testid="delete-error"');

      expect((await page.post(`${base}/${shop!.id}/default`)).headers.location).toBe(`${base}/${shop!.id}?notice=saved`);
      const deleted = await page.post(`${base}/${hq!.id}/delete`);
      expect(deleted.headers.location).toBe(`${base}?notice=deleted`);
      expect((await rowsOf(app, owner.vendor.id)).map((r) => [r.code, r.city, r.is_default])).toEqual([['SHOP', 'Luxembourg', true]]);
    });
  });
});

describe('stock locations when inventory is disabled on the platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('its pages and API answer 404 MODULE_DISABLED and the vendor menu drops its items', async () => {
    const app = t.app;
    const owner = await newOwner(app);
    await createLocation(app, owner, { code: 'MAIN', name: 'Main' });
    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    const overview = `/vendor/${owner.vendor.code}/inventory`;
    const before = await page.get(overview);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(`href="${overview}"`);
    expect(before.body).toContain(`href="${overview}/locations"`);

    const menuInput = {
      platform: 'wizamart',
      frontend: 'vendor' as const,
      path: overview,
      basePath: `/vendor/${owner.vendor.code}`,
      t: (key: string | readonly string[]) => String(key),
      hasPage: (pattern: string) => app.hasRoute({ method: 'GET', url: pattern }),
      permissions: new Set(['inventory.view', 'inventory.locations.manage', 'tenancy.team.view']),
    };
    const inventoryItems = async () => (await buildMenu(app.wizamart, menuInput)).filter((i) => i.module === 'inventory').map((i) => i.path);
    expect(await inventoryItems()).toEqual([overview, `${overview}/locations`]);

    await app.wizamart.modules.disableModule('wizamart', 'inventory', { actor: 'test' });

    const api = await app.inject({ method: 'GET', url: `${API}/locations`, headers: owner.headers });
    expect([api.statusCode, errorCode(api)]).toEqual([404, 'MODULE_DISABLED']);
    for (const url of [overview, `${overview}/locations`]) {
      const res = await page.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('MODULE_DISABLED');
    }
    expect(await inventoryItems()).toEqual([]);
    // The rows are kept: enabling the module again brings them back.
    expect((await rowsOf(app, owner.vendor.id)).map((r) => r.code)).toEqual(['MAIN']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer } from '../../../../tests/helpers/customers.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CrmTables } from '../models/crm.model.ts';
import { EXPORT_COLUMNS, safeCell } from '../services/customer-export.service.ts';

const API = '/api/v1/vendor/customers';
const HEADER = 'id,name,email,phone,language,status,verified,marketing_opt_in,tags,signed_up,last_sign_in,default_address';

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

/** RFC 4180, enough for the export: quoted fields with doubled quotes, commas and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

function records(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('customer CSV export', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  it('prefixes cells a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+352 621', '-2', '@SUM(A1)', '\tx', 'Anne', '', "'quoted"].map(safeCell)).toEqual(["'=1+1", "'+352 621", "'-2", "'@SUM(A1)", "'\tx", 'Anne', '', "'quoted"]);
  });

  it('exports the filtered customers with English machine headers, quoting and no formulas', async () => {
    const owner = await newOwner(app);
    const v = owner.vendor.id;
    const evil = await createCustomer(app, { vendorId: v, name: '=HYPERLINK("http://evil.test","click")', email: 'evil@example.test', tags: ['vip'], verified: true, marketingOptIn: true });
    const comma = await createCustomer(app, { vendorId: v, name: 'Dupont, "Jean"', email: 'jean@example.lu', language: 'fr', tags: ['vip', 'b2b'] });
    await createCustomer(app, { vendorId: v, name: 'Not a VIP', email: 'plain@example.lu' });
    const db = app.wizamart.database.db.withTables<CrmTables>();
    await db.updateTable('customers').set({ phone: '+352 621 000 111' }).where('id', '=', comma.id).execute();
    await db
      .insertInto('customer_addresses')
      .values([
        { vendor_id: v, customer_id: comma.id, name: 'Jean', line1: '1, rue Haute', postal_code: 'L-1717', city: 'Luxembourg', country: 'LU', is_default_billing: true },
        { vendor_id: v, customer_id: comma.id, name: 'Jean', line1: '5, place Guillaume', line2: 'Bte 2', postal_code: 'L-1648', city: 'Luxembourg', country: 'LU', is_default_shipping: true },
      ])
      .execute();
    const other = await newOwner(app);
    await createCustomer(app, { vendorId: other.vendor.id, name: 'Other shop VIP', tags: ['vip'] });

    const res = await app.inject({ method: 'GET', url: `${API}/export.csv?tag=vip`, headers: owner.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="customers-${owner.vendor.code}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(res.body.split('\n')[0]).toBe(HEADER);
    expect(HEADER.split(',')).toEqual([...EXPORT_COLUMNS]);
    const rows = records(res.body);
    expect(rows.map((r) => r.id)).toEqual([String(evil.id), String(comma.id)]);
    expect(rows[0]).toMatchObject({ name: '\'=HYPERLINK("http://evil.test","click")', verified: 'true', marketing_opt_in: 'true', tags: 'vip', phone: '', default_address: '' });
    expect(rows[1]).toMatchObject({
      name: 'Dupont, "Jean"',
      email: 'jean@example.lu',
      phone: "'+352 621 000 111",
      language: 'fr',
      status: 'active',
      verified: 'false',
      tags: 'vip b2b',
      last_sign_in: '',
      default_address: '5, place Guillaume, Bte 2, L-1648 Luxembourg, LU',
    });
    expect(new Date(rows[1]!.signed_up!).toString()).not.toBe('Invalid Date');
    expect(res.body).not.toContain('Other shop VIP');
  });

  it('streams more customers than one batch, each once', async () => {
    const owner = await newOwner(app);
    const db = app.wizamart.database.db.withTables<CrmTables>();
    const values = Array.from({ length: 1203 }, (_, i) => ({ vendor_id: owner.vendor.id, email: `bulk-${i}@example.test`, name: `Bulk ${i}`, tags: JSON.stringify(i % 3 === 0 ? ['third'] : []) }));
    await db.insertInto('customers').values(values).execute();
    const all = records((await app.inject({ method: 'GET', url: `${API}/export.csv`, headers: owner.headers })).body);
    expect(all).toHaveLength(1203);
    expect(new Set(all.map((r) => r.id)).size).toBe(1203);
    const thirds = records((await app.inject({ method: 'GET', url: `${API}/export.csv?tag=third`, headers: owner.headers })).body);
    expect(thirds).toHaveLength(401);
  });

  it('downloads from the list page with the filters of the page, headers in English whatever the language', async () => {
    const owner = await newOwner(app);
    await createCustomer(app, { vendorId: owner.vendor.id, name: 'Anna Faber', language: 'de' });
    await createCustomer(app, { vendorId: owner.vendor.id, name: 'Ben Kayser', language: 'lu' });
    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    const base = `/vendor/${owner.vendor.code}/customers`;
    const list = await page.get(`${base}?language=de&lang=de`);
    expect(list.body).toContain(`href="${base}/export.csv?language=de"`);
    const csv = await page.get(`${base}/export.csv?language=de&lang=de`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.split('\n')[0]).toBe(HEADER);
    expect(records(csv.body).map((r) => r.name)).toEqual(['Anna Faber']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer } from '../../../../tests/helpers/customers.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CrmTables } from '../models/crm.model.ts';

const API = '/api/v1/vendor/customers';
const DAY = 86_400_000;

interface Owner {
  vendor: TestVendor;
  userId: number;
  headers: Record<string, string>;
}

interface SegmentBody {
  id: number;
  name: string;
  match: string;
  rules: Array<Record<string, unknown>>;
  member_count?: number;
}

async function newOwner(app: App): Promise<Owner> {
  const vendor = await createVendor(app);
  const user = await createVendorUser(app, vendor, { role: 'owner' });
  return { vendor, userId: user.id, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

function db(app: App) {
  return app.wizamart.database.db.withTables<CrmTables>();
}

function errorOf(res: { json: () => unknown }): { code?: string; message?: string; details?: Record<string, unknown> } {
  return (res.json() as { error?: { code: string; message: string; details?: Record<string, unknown> } }).error ?? {};
}

describe('customer segments', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  async function createSegment(owner: Owner, payload: Record<string, unknown>): Promise<SegmentBody> {
    const res = await app.inject({ method: 'POST', url: `${API}/segments`, headers: owner.headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<SegmentBody>();
  }

  async function memberIds(owner: Owner, id: number): Promise<number[]> {
    const res = await app.inject({ method: 'GET', url: `${API}/segments/${id}/members`, headers: owner.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ customers: Array<{ id: number }> }>().customers.map((c) => c.id);
  }

  it('evaluates members live: a customer tagged vip joins "VIP"; one who signed up 40 days ago is not in "last 30 days"', async () => {
    const owner = await newOwner(app);
    const v = owner.vendor.id;
    const recent = await createCustomer(app, { vendorId: v, name: 'Recent', createdAt: new Date(Date.now() - 5 * DAY) });
    const old = await createCustomer(app, { vendorId: v, name: 'Old', createdAt: new Date(Date.now() - 40 * DAY) });
    const vip = await createSegment(owner, { name: 'VIP', rules: [{ kind: 'tag_is', tag: 'VIP ' }] });
    expect(vip.rules).toEqual([{ kind: 'tag_is', tag: 'vip' }]);
    const last30 = await createSegment(owner, { name: 'Last 30 days', rules: [{ kind: 'signed_up_within_days', days: 30 }] });

    expect(await memberIds(owner, vip.id)).toEqual([]);
    expect(await memberIds(owner, last30.id)).toEqual([recent.id]);

    const tagged = await app.inject({ method: 'PUT', url: `${API}/${old.id}/tags`, headers: owner.headers, payload: { tags: ['vip'] } });
    expect(tagged.statusCode).toBe(200);
    expect(tagged.json<{ segments: Array<{ name: string }> }>().segments.map((s) => s.name)).toEqual(['VIP']);
    expect(await memberIds(owner, vip.id)).toEqual([old.id]);
    expect(await memberIds(owner, last30.id)).toEqual([recent.id]);

    // The list counts every segment's members; the segment filters the customer list too.
    const list = await app.inject({ method: 'GET', url: `${API}/segments`, headers: owner.headers });
    expect(list.json<{ segments: SegmentBody[] }>().segments.map((s) => [s.name, s.member_count])).toEqual([
      ['Last 30 days', 1],
      ['VIP', 1],
    ]);
    const filtered = await app.inject({ method: 'GET', url: `${API}?segment=${vip.id}`, headers: owner.headers });
    expect(filtered.json<{ customers: Array<{ id: number }> }>().customers.map((c) => c.id)).toEqual([old.id]);

    await app.inject({ method: 'PUT', url: `${API}/${old.id}/tags`, headers: owner.headers, payload: { tags: [] } });
    expect(await memberIds(owner, vip.id)).toEqual([]);
  });

  it('matches all or any of the rules, over every kind of rule', async () => {
    const owner = await newOwner(app);
    const v = owner.vendor.id;
    const fr = await createCustomer(app, { vendorId: v, name: 'Fr', language: 'fr', verified: true, marketingOptIn: true });
    const de = await createCustomer(app, { vendorId: v, name: 'De', language: 'de', status: 'disabled' });
    const lu = await createCustomer(app, { vendorId: v, name: 'Lu', language: 'lu', verified: true });
    await db(app)
      .insertInto('customer_addresses')
      .values([
        { vendor_id: v, customer_id: de.id, name: 'De', line1: 'Hauptstr. 1', postal_code: '54290', city: 'Trier', country: 'DE' },
        { vendor_id: v, customer_id: lu.id, name: 'Lu', line1: '1, Grand-Rue', postal_code: 'L-1660', city: 'Luxembourg', country: 'LU' },
      ])
      .execute();
    const cases: Array<[Record<string, unknown>, number[]]> = [
      [{ rules: [{ kind: 'language_is', language: 'FR' }] }, [fr.id]],
      [{ rules: [{ kind: 'status_is', status: 'disabled' }] }, [de.id]],
      [{ rules: [{ kind: 'email_verified', value: true }] }, [lu.id, fr.id]],
      [{ rules: [{ kind: 'email_verified', value: false }] }, [de.id]],
      [{ rules: [{ kind: 'marketing_opt_in', value: true }] }, [fr.id]],
      [{ rules: [{ kind: 'has_address_in_country', country: 'de' }] }, [de.id]],
      [{ match: 'all', rules: [{ kind: 'email_verified', value: true }, { kind: 'has_address_in_country', country: 'LU' }] }, [lu.id]],
      [{ match: 'any', rules: [{ kind: 'language_is', language: 'de' }, { kind: 'marketing_opt_in', value: true }] }, [de.id, fr.id]],
    ];
    let n = 0;
    for (const [payload, expected] of cases) {
      n += 1;
      const segment = await createSegment(owner, { name: `Case ${n}`, ...payload });
      expect((await memberIds(owner, segment.id)).sort(), JSON.stringify(payload)).toEqual([...expected].sort());
    }
  });

  it('refuses bad rules naming the rule, a missing or duplicate name, and writes nothing', async () => {
    const owner = await newOwner(app);
    const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `${API}/segments`, headers: owner.headers, payload });
    const cases: Array<[Record<string, unknown>, number, string, Record<string, unknown>?]> = [
      [{ name: 'X', rules: [{ kind: 'tag_is', tag: 'ok' }, { kind: 'signed_up_within_days', days: 0 }] }, 400, 'CUSTOMERS_SEGMENT_RULE_INVALID', { position: 2, kind: 'signed_up_within_days' }],
      [{ name: 'X', rules: [{ kind: 'signed_up_within_days', days: 'soon' }] }, 400, 'CUSTOMERS_SEGMENT_RULE_INVALID', { position: 1 }],
      [{ name: 'X', rules: [{ kind: 'language_is', language: 'es' }] }, 400, 'CUSTOMERS_SEGMENT_RULE_INVALID', { kind: 'language_is' }],
      [{ name: 'X', rules: [{ kind: 'has_address_in_country', country: 'EU' }] }, 400, 'CUSTOMERS_SEGMENT_RULE_INVALID', { kind: 'has_address_in_country' }],
      [{ name: 'X', rules: [{ kind: 'tag_is', tag: 'two words' }] }, 400, 'CUSTOMERS_SEGMENT_RULE_INVALID', { kind: 'tag_is' }],
      [{ name: 'X', rules: [{ kind: 'birthday_is' }] }, 400, 'CUSTOMERS_SEGMENT_RULE_INVALID', { kind: 'birthday_is' }],
      [{ name: 'X', rules: [] }, 400, 'CUSTOMERS_SEGMENT_RULES_INVALID'],
      [{ name: '  ', rules: [{ kind: 'tag_is', tag: 'vip' }] }, 400, 'CUSTOMERS_SEGMENT_NAME_INVALID'],
      [{ name: 'X', match: 'some', rules: [{ kind: 'tag_is', tag: 'vip' }] }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code, details] of cases) {
      const res = await post(payload);
      expect([res.statusCode, errorOf(res).code], JSON.stringify(payload)).toEqual([status, code]);
      if (details) expect(errorOf(res).details).toMatchObject(details);
    }
    const named = await post({ name: 'X', rules: [{ kind: 'tag_is', tag: 'ok' }, { kind: 'signed_up_within_days', days: 0 }] });
    expect(errorOf(named).message).toBe('Rule 2 ("signed_up_within_days") is not valid: expected days = 1…3650.');
    expect(await db(app).selectFrom('customer_segments').select('id').where('vendor_id', '=', owner.vendor.id).execute()).toEqual([]);

    await createSegment(owner, { name: 'VIP', rules: [{ kind: 'tag_is', tag: 'vip' }] });
    const taken = await post({ name: 'vip', rules: [{ kind: 'tag_is', tag: 'gold' }] });
    expect([taken.statusCode, errorOf(taken).code]).toEqual([409, 'CUSTOMERS_SEGMENT_NAME_TAKEN']);
  });

  it('updates and deletes a segment over the API', async () => {
    const owner = await newOwner(app);
    const c = await createCustomer(app, { vendorId: owner.vendor.id, language: 'de' });
    const s = await createSegment(owner, { name: 'French', rules: [{ kind: 'language_is', language: 'fr' }] });
    const put = await app.inject({ method: 'PUT', url: `${API}/segments/${s.id}`, headers: owner.headers, payload: { name: 'German', description: 'Deutsch', rules: [{ kind: 'language_is', language: 'de' }] } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: 'German', description: 'Deutsch', match: 'all' });
    const one = await app.inject({ method: 'GET', url: `${API}/segments/${s.id}`, headers: owner.headers });
    expect(one.json()).toMatchObject({ member_count: 1 });
    expect(await memberIds(owner, s.id)).toEqual([c.id]);
    expect((await app.inject({ method: 'DELETE', url: `${API}/segments/${s.id}`, headers: owner.headers })).statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `${API}/segments/${s.id}/members`, headers: owner.headers });
    expect([gone.statusCode, errorOf(gone).code]).toEqual([404, 'CUSTOMERS_SEGMENT_NOT_FOUND']);
    expect(await db(app).selectFrom('customers').select('id').where('id', '=', c.id).execute()).toHaveLength(1);
  });

  it('builds a segment with the plain rule builder form, marks the bad rule, and lists members with counts', async () => {
    const owner = await newOwner(app);
    const v = owner.vendor.id;
    const vipFr = await createCustomer(app, { vendorId: v, name: 'Claire Weis', language: 'fr', tags: ['vip'] });
    await createCustomer(app, { vendorId: v, name: 'Tom Klein', language: 'de', tags: ['vip'] });
    const page = await PageSession.signedIn(app, 'vendor', owner.userId, owner.vendor.id);
    const base = `/vendor/${owner.vendor.code}/customers/segments`;

    const empty = await page.get(base);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.body).toContain('data-testid="segments-empty"');
    const form = await page.get(`${base}/new`);
    expect(form.statusCode).toBe(200);
    // Without JavaScript: fixed rows, each with every value field and a label.
    expect(form.body).toContain('name="rule_0_kind"');
    expect(form.body).toContain('name="rule_2_kind"');
    expect(form.body).toContain('<label class="label" for="rule-0-tag">');

    const bad = await page.post(base, { name: 'French VIPs', match: 'all', rule_0_kind: 'tag_is', rule_0_tag: 'vip', rule_1_kind: 'signed_up_within_days', rule_1_days: '-3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Rule 2 (&quot;signed_up_within_days&quot;) is not valid');
    expect(bad.body).toMatch(/class="crm-rule crm-rule--invalid"[^>]*>\s*<div class="field">\s*<label class="label" for="rule-1-kind">/);
    expect(bad.body).toContain('value="French VIPs"');
    // A forged kind is refused, and never written back into the page's Alpine expressions.
    const forged = await page.post(base, { name: 'Forged', rule_0_kind: "x'}; alert(1); //" });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Rule 1 (&quot;x&#39;}; alert(1); //&quot;) is not valid');
    expect(forged.body).not.toMatch(/x-data="\{ kind: '[^']*x&#39;/);

    const created = await page.post(base, {
      name: 'French VIPs',
      match: 'all',
      rule_0_kind: 'tag_is',
      rule_0_tag: 'VIP',
      rule_0_days: '30',
      rule_1_kind: '',
      rule_1_tag: 'ignored',
      rule_2_kind: 'language_is',
      rule_2_language: 'fr',
    });
    expect(created.statusCode, created.body).toBe(303);
    const id = Number(/segments\/(\d+)\?notice=created/.exec(created.headers.location as string)?.[1]);
    const stored = await db(app).selectFrom('customer_segments').select(['name', 'match', 'rules']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'French VIPs', match: 'all', rules: [{ kind: 'tag_is', tag: 'vip' }, { kind: 'language_is', language: 'fr' }] });

    const shown = await page.get(`${base}/${id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Claire Weis');
    expect(shown.body).not.toContain('Tom Klein');
    expect(shown.body).toContain(`data-customer="${vipFr.id}"`);
    const list = await page.get(base);
    expect(list.body).toContain('1 customer');
    expect(list.body).toContain('Has the tag &quot;vip&quot;');
    const customers = await page.get(`/vendor/${owner.vendor.code}/customers?segment=${id}`);
    expect(customers.body).toContain('Members of the segment &quot;French VIPs&quot;');
    expect(customers.body).toContain('Claire Weis');
    expect(customers.body).not.toContain('Tom Klein');

    await page.get(`${base}/${id}`);
    const updated = await page.post(`${base}/${id}`, { name: 'All VIPs', match: 'any', rule_0_kind: 'tag_is', rule_0_tag: 'vip' });
    expect(updated.statusCode).toBe(303);
    const after = await page.get(`${base}/${id}`);
    expect(after.body).toContain('2 customers');

    const deleted = await page.post(`${base}/${id}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(await db(app).selectFrom('customer_segments').select('id').where('id', '=', id).execute()).toEqual([]);
  });

  it("never shows, changes or counts another vendor's segments and customers", async () => {
    const a = await newOwner(app);
    const b = await newOwner(app);
    const aVip = await createCustomer(app, { vendorId: a.vendor.id, name: 'A VIP', tags: ['vip'] });
    const bVip = await createCustomer(app, { vendorId: b.vendor.id, name: 'B VIP', tags: ['vip'] });
    await db(app).insertInto('customer_addresses').values({ vendor_id: b.vendor.id, customer_id: bVip.id, name: 'B', line1: 'x', postal_code: '1', city: 'Metz', country: 'FR' }).execute();
    const aSeg = await createSegment(a, { name: 'VIP', match: 'any', rules: [{ kind: 'tag_is', tag: 'vip' }, { kind: 'has_address_in_country', country: 'FR' }] });
    const bSeg = await createSegment(b, { name: 'VIP B', rules: [{ kind: 'tag_is', tag: 'vip' }] });
    // A's rules see A's customers only.
    expect(await memberIds(a, aSeg.id)).toEqual([aVip.id]);
    const counts = await app.inject({ method: 'GET', url: `${API}/segments`, headers: a.headers });
    expect(counts.json<{ segments: SegmentBody[] }>().segments.map((s) => [s.name, s.member_count])).toEqual([['VIP', 1]]);

    const attempts = [
      { method: 'GET' as const, url: `${API}/segments/${bSeg.id}` },
      { method: 'GET' as const, url: `${API}/segments/${bSeg.id}/members` },
      { method: 'PUT' as const, url: `${API}/segments/${bSeg.id}`, payload: { name: 'Stolen', rules: [{ kind: 'tag_is', tag: 'x' }] } },
      { method: 'DELETE' as const, url: `${API}/segments/${bSeg.id}` },
      { method: 'GET' as const, url: `${API}?segment=${bSeg.id}` },
      { method: 'GET' as const, url: `${API}/export.csv?segment=${bSeg.id}` },
    ];
    for (const attempt of attempts) {
      const res = await app.inject({ ...attempt, headers: a.headers });
      expect([res.statusCode, errorOf(res).code], `${attempt.method} ${attempt.url}`).toEqual([404, 'CUSTOMERS_SEGMENT_NOT_FOUND']);
    }
    const page = await PageSession.signedIn(app, 'vendor', a.userId, a.vendor.id);
    const base = `/vendor/${a.vendor.code}/customers/segments`;
    expect((await page.get(`${base}/${bSeg.id}`)).statusCode).toBe(404);
    // A real page of A's for the form token, then B's ids in the forms.
    expect((await page.get(base)).statusCode).toBe(200);
    expect((await page.post(`${base}/${bSeg.id}`, { name: 'Stolen', rule_0_kind: 'tag_is', rule_0_tag: 'x' })).statusCode).toBe(404);
    expect((await page.post(`${base}/${bSeg.id}/delete`)).statusCode).toBe(404);
    expect((await page.get(`/vendor/${a.vendor.code}/customers?segment=${bSeg.id}`)).statusCode).toBe(404);
    const untouched = await db(app).selectFrom('customer_segments').select(['name', 'rules']).where('id', '=', bSeg.id).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ name: 'VIP B', rules: [{ kind: 'tag_is', tag: 'vip' }] });
  });
});

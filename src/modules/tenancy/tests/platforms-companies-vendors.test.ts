import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import { adminHeaders, bearerHeaders, createAdminUser, createVendor, createVendorUser, login } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';

/**
 * The tenancy admin API for platforms, companies and vendors, against a
 * real database: creating, listing and changing them, the error codes of
 * bad input, a platform admin confined to their platforms (others' objects
 * answer 404 as if they did not exist), and a new vendor's owner going
 * from the welcome mail to a signed-in session.
 */
const API = '/api/v1/admin/tenancy';
const PLATFORM_HEADER = 'x-wizamart-platform';

let t: TestApp;
let app: App;
let superAdmin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ platforms: { wizamart: 'all', alpha: [], beta: [] } });
  app = t.app;
  superAdmin = await adminHeaders(app);
});

afterAll(async () => {
  await t.close();
});

function db() {
  return app.wizamart.database.db.withTables<TenancyTables>();
}

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await app.inject({ method, url: `${API}${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  // The answer is read loosely (`any`): each test checks its shape with matchers.
  return { status: res.statusCode, body: res.json() };
}

async function company(platform: string, name: string): Promise<number> {
  const res = await api('POST', '/companies', superAdmin, { platform, name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

let seq = 0;
function code(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}

describe('platforms', () => {
  it('a super admin creates a platform with no optional module enabled, then changes its name and languages', async () => {
    const created = await api('POST', '/platforms', superAdmin, { code: 'gamma', name: 'Gamma', default_language: 'fr', languages: ['fr', 'de'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'gamma', name: 'Gamma', default_language: 'fr', languages: ['de', 'fr'], domains: [], vendor_count: 0, module_count: 0 });
    const enabled = await app.wizamart.modules.getPlatformModules('gamma');
    expect(enabled.filter((m) => m.enabled && m.tier !== 'core')).toEqual([]);

    const list = await api('GET', '/platforms', superAdmin);
    expect(list.body.platforms.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['wizamart', 'alpha', 'beta', 'gamma']));
    expect(list.body.platforms.find((p: { code: string }) => p.code === 'wizamart').module_count).toBeGreaterThan(0);

    const updated = await api('PATCH', '/platforms/gamma', superAdmin, { name: 'Gamma Markets', languages: ['en', 'fr', 'lu'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Gamma Markets', default_language: 'fr', languages: ['en', 'fr', 'lu'] });
  });

  it('refuses bad codes, taken codes and languages that do not fit, each with its code', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ code: 'Bad Code', name: 'X' }, 400, 'TENANCY_INVALID_CODE'],
      [{ code: 'x', name: 'X' }, 400, 'TENANCY_INVALID_CODE'],
      [{ code: 'new', name: 'X' }, 400, 'TENANCY_RESERVED_CODE'],
      [{ code: 'alpha', name: 'Again' }, 409, 'TENANCY_PLATFORM_CODE_TAKEN'],
      [{ code: 'delta', name: '   ' }, 400, 'TENANCY_INVALID_NAME'],
      [{ code: 'delta', name: 'Delta', default_language: 'es' }, 400, 'TENANCY_INVALID_LANGUAGE'],
      [{ code: 'delta', name: 'Delta', default_language: 'de', languages: ['en', 'fr'] }, 400, 'TENANCY_LANGUAGE_NOT_OFFERED'],
    ];
    for (const [payload, status, errorCode] of cases) {
      const res = await api('POST', '/platforms', superAdmin, payload);
      expect([res.status, res.body.error?.code], JSON.stringify(payload)).toEqual([status, errorCode]);
    }
    const shrink = await api('PATCH', '/platforms/alpha', superAdmin, { languages: ['de'] });
    expect([shrink.status, shrink.body.error.code]).toEqual([400, 'TENANCY_LANGUAGE_NOT_OFFERED']);
  });

  it('adds domains (lower-cased, the first one primary), refuses a domain in use, and promotes another when the primary goes', async () => {
    const first = await api('POST', '/platforms/beta/domains', superAdmin, { domain: 'Beta.Example.TEST.' });
    expect(first.status).toBe(200);
    expect(first.body.domains).toEqual([{ domain: 'beta.example.test', is_primary: true }]);
    const second = await api('POST', '/platforms/beta/domains', superAdmin, { domain: 'shop.beta.test' });
    expect(second.body.domains).toEqual([
      { domain: 'beta.example.test', is_primary: true },
      { domain: 'shop.beta.test', is_primary: false },
    ]);
    const primary = await api('POST', '/platforms/beta/domains', superAdmin, { domain: 'shop.beta.test', primary: true });
    expect(primary.body.domains[0]).toEqual({ domain: 'shop.beta.test', is_primary: true });

    const taken = await api('POST', '/platforms/alpha/domains', superAdmin, { domain: 'beta.example.test' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'TENANCY_DOMAIN_TAKEN']);
    for (const bad of ['localhost', '-bad.example.test', '10.0.0.1', 'shop_1.example.test', 'a..b.test']) {
      const res = await api('POST', '/platforms/alpha/domains', superAdmin, { domain: bad });
      expect([res.status, res.body.error.code], bad).toEqual([400, 'TENANCY_INVALID_DOMAIN']);
    }

    const removed = await api('DELETE', '/platforms/beta/domains/shop.beta.test', superAdmin);
    expect(removed.body.domains).toEqual([{ domain: 'beta.example.test', is_primary: true }]);
    const again = await api('DELETE', '/platforms/beta/domains/shop.beta.test', superAdmin);
    expect([again.status, again.body.error.code]).toEqual([404, 'TENANCY_DOMAIN_NOT_FOUND']);
  });

  it('a new domain is served at once: the host cache drops on the change notification', async () => {
    const probe = () => app.inject({ method: 'GET', url: `${API}/platforms`, headers: { host: 'gamma-new.example.test' } });
    expect((await probe()).json().error.code).toBe('UNKNOWN_HOST');
    await api('POST', '/platforms/gamma/domains', superAdmin, { domain: 'gamma-new.example.test' });
    // Now the host is the gamma platform's: the request gets as far as asking who is signing in.
    await expect.poll(async () => (await probe()).statusCode).toBe(401);
  });

  it('only super admins create platforms', async () => {
    const alphaAdmin = await createAdminUser(app, { superAdmin: false, platforms: ['alpha'] });
    const headers = { ...(await bearerHeaders(app, 'admin', alphaAdmin.id, undefined, 'alpha')), [PLATFORM_HEADER]: 'alpha' };
    const res = await api('POST', '/platforms', headers, { code: 'mine', name: 'Mine' });
    expect([res.status, res.body.error.code]).toEqual([403, 'PERMISSION_DENIED']);
  });
});

describe('companies', () => {
  it('creates, lists (search, platform filter, pages) and updates companies, normalising e-mail and VAT number', async () => {
    const created = await api('POST', '/companies', superAdmin, { platform: 'alpha', name: 'Moselle Wines S.A.', contact_email: 'Info@Moselle.LU', vat_number: 'lu 1234 5678' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ platform: 'alpha', name: 'Moselle Wines S.A.', contact_email: 'info@moselle.lu', vat_number: 'LU12345678', vendor_count: 0 });
    await company('alpha', 'Ardennes Cheese S.à r.l.');
    await company('beta', 'Moselle Wines S.A.');

    const search = await api('GET', '/companies?search=moselle', superAdmin);
    expect(search.body.total).toBe(2);
    const onAlpha = await api('GET', '/companies?search=moselle&platform=alpha', superAdmin);
    expect(onAlpha.body.companies.map((c: { id: number }) => c.id)).toEqual([created.body.id]);
    const paged = await api('GET', '/companies?platform=alpha&limit=1&offset=1', superAdmin);
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.body.companies).toHaveLength(1);
    expect(paged.body.companies[0].name).toBe('Moselle Wines S.A.');

    const updated = await api('PATCH', `/companies/${created.body.id}`, superAdmin, { name: 'Moselle Wines', vat_number: null });
    expect(updated.body).toMatchObject({ name: 'Moselle Wines', vat_number: null, contact_email: 'info@moselle.lu' });
  });

  it('refuses a name taken on the platform (any case), a bad e-mail address and a bad VAT number', async () => {
    await company('alpha', 'Kirchberg Tech');
    const other = await company('alpha', 'Gare Books');
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/companies', { platform: 'alpha', name: 'KIRCHBERG TECH' }, 409, 'TENANCY_COMPANY_NAME_TAKEN'],
      ['PATCH', `/companies/${other}`, { name: 'kirchberg tech' }, 409, 'TENANCY_COMPANY_NAME_TAKEN'],
      ['POST', '/companies', { platform: 'alpha', name: 'Y', contact_email: 'not-an-address' }, 400, 'TENANCY_INVALID_EMAIL'],
      ['POST', '/companies', { platform: 'alpha', name: 'Y', vat_number: 'US12345678' }, 400, 'TENANCY_INVALID_VAT_NUMBER'],
      ['POST', '/companies', { platform: 'alpha', name: 'Y', vat_number: 'LUABCDEFGH' }, 400, 'TENANCY_INVALID_VAT_NUMBER'],
      ['POST', '/companies', { platform: 'nowhere', name: 'Y' }, 404, 'PLATFORM_NOT_FOUND'],
    ];
    for (const [method, url, payload, status, errorCode] of cases) {
      const res = await api(method as 'POST', url, superAdmin, payload);
      expect([res.status, res.body.error?.code], `${method} ${url} ${JSON.stringify(payload)}`).toEqual([status, errorCode]);
    }
    // The same name on another platform is another company.
    expect(await company('beta', 'Kirchberg Tech')).toBeGreaterThan(0);
  });
});

describe('vendors', () => {
  it('creates a vendor with a new owner, whose welcome mail sets a password that then signs them in', async () => {
    await api('POST', '/platforms/alpha/domains', superAdmin, { domain: 'alpha.example.test' });
    const companyId = await company('alpha', 'Clausen Bakery');
    const res = await api('POST', '/vendors', superAdmin, {
      code: 'clausen-bakery',
      name: 'Clausen Bakery',
      company_id: companyId,
      custom_domain: 'Bakery.Example.LU',
      default_language: 'de',
      owner: { email: 'Marie@Clausen.LU', name: 'Marie Clausen' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.owner).toMatchObject({ email: 'marie@clausen.lu', name: 'Marie Clausen', created: true });
    expect(res.body.vendor).toMatchObject({
      code: 'clausen-bakery',
      platform: 'alpha',
      company_id: companyId,
      subdomain: 'clausen-bakery',
      custom_domain: 'bakery.example.lu',
      default_language: 'de',
      status: 'active',
      addresses: ['https://clausen-bakery.alpha.example.test', 'https://bakery.example.lu'],
    });
    expect(res.body.vendor.team).toEqual([expect.objectContaining({ email: 'marie@clausen.lu', role: 'owner', builtin_role: 'owner' })]);

    // The new owner has no password yet; the mail (in the vendor's language) links to the reset page.
    const mail = await db().selectFrom('mail_outbox').selectAll().where('to_address', '=', 'marie@clausen.lu').executeTakeFirstOrThrow();
    expect(mail.template).toBe('tenancy/vendor-welcome');
    expect(mail.subject).toContain('Clausen Bakery');
    expect(mail.text_body).toContain('Hallo Marie Clausen');
    expect(mail.html_body).toContain('Mein Passwort wählen');
    const link = /(https?:\/\/\S+\/vendor\/reset-password\?token=\S+)/.exec(mail.text_body)?.[1];
    expect(link).toBeDefined();
    const path = new URL(link!).pathname + new URL(link!).search;

    expect((await login(app, 'vendor', 'marie@clausen.lu', 'a-fine-new-password')).status).toBe(401);
    const page = new PageSession(app);
    expect((await page.get(path)).statusCode).toBe(200);
    const token = new URL(link!).searchParams.get('token')!;
    const set = await page.post('/vendor/reset-password', { token, password: 'a-fine-new-password', password_confirm: 'a-fine-new-password' });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toContain('/vendor/login?notice=password_reset');

    const signedIn = await login(app, 'vendor', 'marie@clausen.lu', 'a-fine-new-password');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.access_token).toEqual(expect.any(String));
  });

  it('makes an existing vendor user the owner without creating another user or sending a welcome mail', async () => {
    const existing = await createVendor(app, { platform: 'alpha', code: code('first-shop') });
    const user = await createVendorUser(app, existing, { role: 'staff', email: 'paul@example.test', name: 'Paul' });
    const companyId = await company('alpha', 'Paul Holdings');
    const res = await api('POST', '/vendors', superAdmin, { code: code('second-shop'), name: 'Second', company_id: companyId, owner: { email: 'PAUL@example.test', name: 'Someone Else' } });
    expect(res.status).toBe(201);
    expect(res.body.owner).toEqual({ id: user.id, email: 'paul@example.test', name: 'Paul', created: false });
    expect(res.body.vendor.team).toEqual([expect.objectContaining({ user_id: user.id, role: 'owner' })]);
    const mails = await db().selectFrom('mail_outbox').select('id').where('to_address', '=', 'paul@example.test').execute();
    expect(mails).toEqual([]);
  });

  it('refuses taken codes and addresses, bad subdomains and a company of another platform, each with its code', async () => {
    const alphaCompany = await company('alpha', 'Validation S.A.');
    const betaCompany = await company('beta', 'Validation S.A.');
    const owner = { email: 'owner@validation.test', name: 'Owner' };
    const taken = await createVendor(app, { platform: 'alpha', code: code('taken'), customDomain: 'taken-shop.example.test' });
    await api('POST', '/platforms/beta/domains', superAdmin, { domain: 'validation-beta.example.test' });
    const base = { name: 'V', company_id: alphaCompany, owner };
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, code: taken.code }, 409, 'TENANCY_VENDOR_CODE_TAKEN'],
      [{ ...base, code: code('v'), subdomain: taken.code }, 409, 'TENANCY_DOMAIN_TAKEN'],
      [{ ...base, code: code('v'), custom_domain: 'taken-shop.example.test' }, 409, 'TENANCY_DOMAIN_TAKEN'],
      // A custom domain may not be a platform's domain, nor another shop's subdomain address.
      [{ ...base, code: code('v'), custom_domain: 'validation-beta.example.test' }, 409, 'TENANCY_DOMAIN_TAKEN'],
      [{ ...base, code: 'UPPER' }, 400, 'TENANCY_INVALID_CODE'],
      [{ ...base, code: code('v'), subdomain: '-dash' }, 400, 'TENANCY_INVALID_SUBDOMAIN'],
      [{ ...base, code: code('v'), subdomain: 'www' }, 400, 'TENANCY_RESERVED_CODE'],
      [{ ...base, code: code('v'), custom_domain: 'not a domain' }, 400, 'TENANCY_INVALID_DOMAIN'],
      [{ ...base, code: code('v'), default_language: 'es' }, 400, 'TENANCY_INVALID_LANGUAGE'],
      [{ ...base, code: code('v'), owner: { email: 'nope', name: 'X' } }, 400, 'TENANCY_INVALID_EMAIL'],
      [{ ...base, code: code('v'), platform: 'beta' }, 400, 'TENANCY_COMPANY_WRONG_PLATFORM'],
      [{ ...base, code: code('v'), company_id: 999_999 }, 404, 'TENANCY_COMPANY_NOT_FOUND'],
    ];
    for (const [payload, status, errorCode] of cases) {
      const res = await api('POST', '/vendors', superAdmin, payload);
      expect([res.status, res.body.error?.code], JSON.stringify(payload)).toEqual([status, errorCode]);
    }
    const moved = await api('PATCH', `/vendors/${taken.code}`, superAdmin, { company_id: betaCompany });
    expect([moved.status, moved.body.error.code]).toEqual([400, 'TENANCY_COMPANY_WRONG_PLATFORM']);
    // Nothing half-made: no vendor and no owner account from the refused requests.
    expect(await db().selectFrom('vendor_users').select('id').where('email', '=', 'owner@validation.test').execute()).toEqual([]);
  });

  it('updates name, company, subdomain, custom domain and language; the subdomain may be the one it already has', async () => {
    const shop = await createVendor(app, { platform: 'alpha', code: code('edit') });
    const otherCompany = await company('alpha', 'New Owner Group');
    const res = await api('PATCH', `/vendors/${shop.code}`, superAdmin, {
      name: 'Edited',
      company_id: otherCompany,
      subdomain: shop.code,
      custom_domain: 'edited.example.test',
      default_language: 'lu',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'Edited', company_id: otherCompany, company_name: 'New Owner Group', custom_domain: 'edited.example.test', default_language: 'lu' });
    const cleared = await api('PATCH', `/vendors/${shop.code}`, superAdmin, { custom_domain: null, subdomain: `${shop.code}-x` });
    expect(cleared.body).toMatchObject({ custom_domain: null, subdomain: `${shop.code}-x` });
  });

  it('suspends and reactivates a vendor: its staff cannot sign in meanwhile, and the list filters by status', async () => {
    const shop = await createVendor(app, { platform: 'alpha', code: code('pause') });
    const owner = await createVendorUser(app, shop, { role: 'owner' });
    const suspended = await api('POST', `/vendors/${shop.code}/suspend`, superAdmin);
    expect(suspended.body.status).toBe('suspended');
    expect((await login(app, 'vendor', owner.email, owner.password)).status).toBe(401);
    const list = await api('GET', '/vendors?status=suspended&platform=alpha', superAdmin);
    expect(list.body.vendors.map((v: { code: string }) => v.code)).toEqual([shop.code]);

    const reactivated = await api('POST', `/vendors/${shop.code}/reactivate`, superAdmin);
    expect(reactivated.body.status).toBe('active');
    expect((await login(app, 'vendor', owner.email, owner.password)).status).toBe(200);
  });

  it('lists vendors by name with search, company filter and pages', async () => {
    const companyId = await company('alpha', 'Searchable Group');
    for (const name of ['Zeta Flowers', 'Eta Flowers', 'Theta Tools']) {
      const res = await api('POST', '/vendors', superAdmin, { code: code('list'), name, company_id: companyId, owner: { email: `${code('o')}@example.test`, name: 'O' } });
      expect(res.status).toBe(201);
    }
    const flowers = await api('GET', '/vendors?search=FLOWERS', superAdmin);
    expect(flowers.body.vendors.map((v: { name: string }) => v.name)).toEqual(['Eta Flowers', 'Zeta Flowers']);
    const page = await api('GET', `/vendors?company_id=${companyId}&limit=2&offset=2`, superAdmin);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.body.vendors.map((v: { name: string }) => v.name)).toEqual(['Zeta Flowers']);
  });
});

describe('a platform admin', () => {
  let alphaHeaders: Record<string, string>;
  const beta = {} as { company: number; vendor: string };
  const alpha = {} as { company: number; vendor: string };

  beforeAll(async () => {
    const admin = await createAdminUser(app, { superAdmin: false, platforms: ['alpha'] });
    alphaHeaders = { ...(await bearerHeaders(app, 'admin', admin.id, undefined, 'alpha')), [PLATFORM_HEADER]: 'alpha' };
    alpha.company = await company('alpha', 'Alpha Own S.A.');
    beta.company = await company('beta', 'Beta Secret S.A.');
    beta.vendor = (await createVendor(app, { platform: 'beta', code: code('beta-secret') })).code;
    alpha.vendor = (await createVendor(app, { platform: 'alpha', code: code('alpha-own') })).code;
  });

  it("lists only their platform's platforms, companies and vendors", async () => {
    const platforms = await api('GET', '/platforms', alphaHeaders);
    expect(platforms.body.platforms.map((p: { code: string }) => p.code)).toEqual(['alpha']);
    const companies = await api('GET', '/companies?limit=200', alphaHeaders);
    expect(companies.status).toBe(200);
    expect(companies.body.companies.length).toBeGreaterThan(0);
    expect(companies.body.companies.every((c: { platform: string }) => c.platform === 'alpha')).toBe(true);
    const vendors = await api('GET', '/vendors?limit=200', alphaHeaders);
    expect(vendors.body.vendors.map((v: { code: string }) => v.code)).toContain(alpha.vendor);
    expect(vendors.body.vendors.every((v: { platform: string }) => v.platform === 'alpha')).toBe(true);
    for (const url of ['/companies?platform=beta', '/vendors?platform=beta', '/platforms/beta']) {
      const res = await api('GET', url, alphaHeaders);
      expect([res.status, res.body.error.code], url).toEqual([404, 'PLATFORM_NOT_FOUND']);
    }
  });

  it("cannot read or change another platform's company or vendor, by guessed id or code: 404 as if it did not exist", async () => {
    const missingCompany = await api('GET', '/companies/999999', alphaHeaders);
    const hiddenCompany = await api('GET', `/companies/${beta.company}`, alphaHeaders);
    expect(hiddenCompany.status).toBe(404);
    expect(hiddenCompany.body.error.code).toBe(missingCompany.body.error.code);
    expect((await api('PATCH', `/companies/${beta.company}`, alphaHeaders, { name: 'Taken over' })).status).toBe(404);

    // Every id that is not an alpha company answers the same.
    const max = (await db().selectFrom('companies').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id!;
    const alphaIds = new Set((await db().selectFrom('companies as c').innerJoin('platforms as p', 'p.id', 'c.platform_id').where('p.code', '=', 'alpha').select('c.id').execute()).map((r) => r.id));
    for (let id = 1; id <= max; id += 1) {
      const res = await api('GET', `/companies/${id}`, alphaHeaders);
      expect(res.status, `company ${id}`).toBe(alphaIds.has(id) ? 200 : 404);
    }

    expect(await api('GET', `/vendors/${beta.vendor}`, alphaHeaders)).toMatchObject({ status: 404, body: { error: { code: 'TENANCY_VENDOR_NOT_FOUND' } } });
    for (const [method, url, payload] of [
      ['PATCH', `/vendors/${beta.vendor}`, { name: 'Mine now' }],
      ['POST', `/vendors/${beta.vendor}/suspend`, undefined],
      ['POST', `/vendors/${beta.vendor}/reactivate`, undefined],
    ] as const) {
      const res = await api(method, url, alphaHeaders, payload);
      expect([res.status, res.body.error.code], `${method} ${url}`).toEqual([404, 'TENANCY_VENDOR_NOT_FOUND']);
    }
    const stillThere = await db().selectFrom('vendors').select(['name', 'status']).where('code', '=', beta.vendor).executeTakeFirstOrThrow();
    expect(stillThere).toEqual({ name: beta.vendor, status: 'active' });
    expect((await db().selectFrom('companies').select('name').where('id', '=', beta.company).executeTakeFirstOrThrow()).name).toBe('Beta Secret S.A.');
  });

  it("cannot create a company on another platform, nor a vendor for another platform's company", async () => {
    const companyRes = await api('POST', '/companies', alphaHeaders, { platform: 'beta', name: 'Sneaky' });
    expect([companyRes.status, companyRes.body.error.code]).toEqual([404, 'PLATFORM_NOT_FOUND']);
    const vendorRes = await api('POST', '/vendors', alphaHeaders, { code: code('sneaky'), name: 'Sneaky', company_id: beta.company, owner: { email: 'sneaky@example.test', name: 'S' } });
    expect([vendorRes.status, vendorRes.body.error.code]).toEqual([404, 'TENANCY_COMPANY_NOT_FOUND']);
    const mine = await api('POST', '/vendors', alphaHeaders, { code: code('mine'), name: 'Mine', company_id: alpha.company, owner: { email: `${code('mine')}@example.test`, name: 'M' } });
    expect(mine.status).toBe(201);
  });

  it('holds no tenancy permission on a platform they do not administer', async () => {
    const onBeta = { ...alphaHeaders, [PLATFORM_HEADER]: 'beta' };
    const res = await api('GET', '/vendors', onBeta);
    expect([res.status, res.body.error.code]).toEqual([403, 'PERMISSION_DENIED']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { createVendor, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer, customerPageSession, shopPath } from '../../../../tests/helpers/customers.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CustomersTables } from '../models/customer.model.ts';

const PASSWORD = 'a long enough password';

describe('storefront account pages', () => {
  let t: TestApp;
  let app: App;
  let shop: TestVendor;
  let other: TestVendor;
  const at = (path: string, vendor = shop) => shopPath(vendor, path);

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    shop = await createVendor(app, { name: 'Maison Test' });
    other = await createVendor(app);
  });
  afterAll(async () => t?.close());

  const db = () => app.wizamart.database.db.withTables<CustomersTables>();
  const lastMailTo = (email: string) => app.wizamart.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id', 'desc').execute();

  it('sends signed-out visitors of account pages to sign-in, and back afterwards', async () => {
    const s = new PageSession(app);
    const res = await s.get(at('/account/addresses'));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(at(`/account/login?next=${encodeURIComponent(at('/account/addresses'))}`));

    const customer = await createCustomer(app, { vendorId: shop.id, password: PASSWORD });
    const page = await s.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="store-auth"');
    const wrong = await s.post(at('/account/login'), { email: customer.email, password: 'wrong password!', next: at('/account/addresses') });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('incorrect');
    const ok = await s.post(at('/account/login'), { email: customer.email, password: PASSWORD, next: at('/account/addresses') });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(at('/account/addresses'));
    expect((await s.get(at('/account/addresses'))).statusCode).toBe(200);
    // The session belongs to this shop only: another shop's account page asks to sign in.
    expect((await s.get(at('/account', other))).statusCode).toBe(303);
  });

  it('registers, signs the customer in, and asks to confirm the address (unverified customers may use their account)', async () => {
    const s = new PageSession(app);
    const form = await s.get(at('/account/register'));
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<label class="label" for="password">/);
    const email = 'page.register@example.test';
    const differ = await s.post(at('/account/register'), { name: 'Page Register', email, password: PASSWORD, password_confirm: 'something else', language: 'en' });
    expect(differ.statusCode).toBe(400);
    const res = await s.post(at('/account/register'), { name: 'Page Register', email, password: PASSWORD, password_confirm: PASSWORD, language: 'fr', marketing_opt_in: 'on' });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(at('/account?notice=registered'));
    const row = await db().selectFrom('customers').selectAll().where('vendor_id', '=', shop.id).where('email', '=', email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Page Register', language: 'fr', marketing_opt_in: true, email_verified_at: null });

    const account = await s.get(at('/account'));
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('data-testid="verify-banner"');
    expect(account.body).toContain('class="account-nav"');
    expect((await lastMailTo(email)).length).toBe(1);
    const resend = await s.post(at('/account/verification'));
    expect(resend.headers.location).toBe(at('/account?notice=verification_sent'));
    expect((await lastMailTo(email)).length).toBe(2);
  });

  it('says an e-mail address already has an account without saying more, and offers sign-in and reset', async () => {
    await createCustomer(app, { vendorId: shop.id, email: 'taken.page@example.test', name: 'Secret Name' });
    const s = new PageSession(app);
    const res = await s.post(at('/account/register'), { name: 'Someone', email: 'taken.page@example.test', password: PASSWORD, password_confirm: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('data-testid="email-taken"');
    expect(res.body).toContain(at('/account/forgot-password'));
    expect(res.body).not.toContain('Secret Name');
  });

  it('resets a forgotten password through the mailed link', async () => {
    const customer = await createCustomer(app, { vendorId: shop.id, password: PASSWORD });
    const s = new PageSession(app);
    const sent = await s.post(at('/account/forgot-password'), { email: customer.email });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('data-testid="reset-sent"');
    // The same answer for an address without an account.
    const unknown = await s.post(at('/account/forgot-password'), { email: 'nobody@example.test' });
    expect(unknown.body).toContain('data-testid="reset-sent"');

    const [mail] = await lastMailTo(customer.email);
    const link = /\/account\/reset-password\?token=([\w%-]+)/.exec(mail!.text_body);
    expect(link, mail!.text_body).not.toBeNull();
    expect(mail!.text_body).toContain(`/_vendor/${shop.code}/account/reset-password`);
    const token = decodeURIComponent(link![1]!);
    expect((await s.get(at(`/account/reset-password?token=${encodeURIComponent(token)}`))).statusCode).toBe(200);
    const done = await s.post(at('/account/reset-password'), { token, password: 'brand new password', password_confirm: 'brand new password' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(at('/account/login?notice=password_reset'));
    const login = await s.post(at('/account/login'), { email: customer.email, password: 'brand new password' });
    expect(login.statusCode).toBe(303);
  });

  it('edits the profile and changes the password, in the language of the page', async () => {
    const customer = await createCustomer(app, { vendorId: shop.id, password: PASSWORD, verified: true });
    const s = await customerPageSession(app, customer);
    const page = await s.get(at('/account?lang=de'));
    expect(page.body).toContain('Mein Profil');
    expect(page.body).not.toContain('data-testid="verify-banner"');
    const bad = await s.post(at('/account'), { name: 'Ana', phone: 'not a phone', language: 'de' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('data-testid="form-error"');
    const saved = await s.post(at('/account'), { name: 'Ana Lux', phone: '+352 691 000 000', language: 'lu' });
    expect(saved.headers.location).toBe(at('/account?notice=profile_saved'));
    expect(await db().selectFrom('customers').select(['name', 'phone', 'language', 'marketing_opt_in']).where('id', '=', customer.id).executeTakeFirst()).toEqual({
      name: 'Ana Lux',
      phone: '+352 691 000 000',
      language: 'lu',
      marketing_opt_in: false,
    });

    const wrong = await s.post(at('/account/password'), { current_password: 'wrong one', new_password: 'another long password', new_password_confirm: 'another long password' });
    expect(wrong.statusCode).toBe(400);
    const changed = await s.post(at('/account/password'), { current_password: PASSWORD, new_password: 'another long password', new_password_confirm: 'another long password' });
    expect(changed.headers.location).toBe(at('/account?notice=password_changed'));
    // This session stays signed in.
    expect((await s.get(at('/account'))).statusCode).toBe(200);
  });

  it("manages addresses, and answers 404 for another customer's address", async () => {
    const customer = await createCustomer(app, { vendorId: shop.id });
    const s = await customerPageSession(app, customer);
    const empty = await s.get(at('/account/addresses'));
    expect(empty.body).toContain('class="empty-state"');
    const invalid = await s.post(at('/account/addresses'), { name: 'Ana', line1: '1 rue X', postal_code: '', city: 'Luxembourg', country: 'LU' });
    expect(invalid.statusCode).toBe(400);
    const created = await s.post(at('/account/addresses'), { label: 'Home', name: 'Ana', line1: '1 rue X', postal_code: 'L-1234', city: 'Luxembourg', country: 'LU' });
    expect(created.headers.location).toBe(at('/account/addresses?notice=address_saved'));
    const [address] = await db().selectFrom('customer_addresses').selectAll().where('customer_id', '=', customer.id).execute();
    expect(address).toMatchObject({ label: 'Home', is_default_shipping: true, is_default_billing: true, vendor_id: shop.id });

    const edit = await s.get(at(`/account/addresses/${address!.id}`));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="1 rue X"');
    await s.post(at(`/account/addresses/${address!.id}`), { label: 'Home', name: 'Ana', line1: '2 rue Y', postal_code: 'L-1234', city: 'Esch-sur-Alzette', country: 'LU' });
    const list = await s.get(at('/account/addresses'));
    expect(list.body).toContain('2 rue Y');
    // An unticked default box leaves the defaults as they are.
    expect(await db().selectFrom('customer_addresses').select(['is_default_shipping', 'is_default_billing']).where('id', '=', address!.id).executeTakeFirst()).toEqual({ is_default_shipping: true, is_default_billing: true });

    const intruder = await customerPageSession(app, await createCustomer(app, { vendorId: shop.id }));
    await intruder.get(at('/account/addresses'));
    expect((await intruder.get(at(`/account/addresses/${address!.id}`))).statusCode).toBe(404);
    expect((await intruder.post(at(`/account/addresses/${address!.id}/delete`))).statusCode).toBe(404);
    expect((await intruder.post(at(`/account/addresses/${address!.id}`), { name: 'X', line1: 'X', postal_code: '1', city: 'X' })).statusCode).toBe(404);
    expect(await db().selectFrom('customer_addresses').select('line1').where('id', '=', address!.id).executeTakeFirst()).toEqual({ line1: '2 rue Y' });

    const deleted = await s.post(at(`/account/addresses/${address!.id}/delete`));
    expect(deleted.headers.location).toBe(at('/account/addresses?notice=address_deleted'));
    expect(await db().selectFrom('customer_addresses').select('id').where('customer_id', '=', customer.id).execute()).toEqual([]);
  });

  it('downloads the data as a JSON attachment and deletes the account after confirmation', async () => {
    const customer = await createCustomer(app, { vendorId: shop.id, password: PASSWORD, name: 'Leaving Soon' });
    const s = await customerPageSession(app, customer);
    expect((await s.get(at('/account/data'))).body).toContain(at('/account/data/download'));
    const download = await s.get(at('/account/data/download'));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".+\.json"$/);
    expect(JSON.parse(download.body)).toMatchObject({ profile: { name: 'Leaving Soon', email: customer.email }, addresses: [] });

    await s.get(at('/account/delete'));
    expect((await s.post(at('/account/delete'), { password: PASSWORD })).statusCode).toBe(400);
    expect((await s.post(at('/account/delete'), { password: 'wrong password', confirm: 'on' })).statusCode).toBe(403);
    const gone = await s.post(at('/account/delete'), { password: PASSWORD, confirm: 'on' });
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe(at('/?notice=account_deleted'));
    expect(await db().selectFrom('customers').select('id').where('id', '=', customer.id).execute()).toEqual([]);
    expect((await s.get(at('/account'))).statusCode).toBe(303);
  });

  it('speaks the visitor’s language on every signed-out page', async () => {
    const expected = { de: 'Konto erstellen', fr: 'Créer un compte', lu: 'E Konto uleeën' } as const;
    for (const [lang, heading] of Object.entries(expected)) {
      const res = await app.inject({ url: at(`/account/register?lang=${lang}`), headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(heading);
      expect(res.body).toContain(`<html lang="${lang === 'lu' ? 'lb' : lang}"`);
    }
    const login = await app.inject({ url: at('/account/login?lang=lu'), headers: { accept: 'text/html' } });
    expect(login.body).toContain('Nei hei?');
  });

  it('signs out with a POST that ends the session', async () => {
    const customer = await createCustomer(app, { vendorId: shop.id });
    const s = await customerPageSession(app, customer);
    await s.get(at('/account'));
    const out = await s.post(at('/account/logout'));
    expect(out.headers.location).toBe(at('/account/login?notice=signed_out'));
    expect((await s.get(at('/account'))).statusCode).toBe(303);
    const live = await app.wizamart.auth.sessions.listLive('customer', customer.id);
    expect(live).toEqual([]);
  });
});

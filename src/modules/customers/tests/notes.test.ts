import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.ts';
import { bearerHeaders, createVendor, createVendorUser, type TestVendor } from '../../../../tests/helpers/auth.ts';
import { createCustomer } from '../../../../tests/helpers/customers.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';
import type { CrmTables } from '../models/crm.model.ts';

const API = '/api/v1/vendor/customers';

interface Member {
  vendor: TestVendor;
  userId: number;
  headers: Record<string, string>;
}

interface Note {
  id: number;
  author_id: number;
  author_name: string;
  body: string;
}

async function member(app: App, vendor: TestVendor, name: string): Promise<Member> {
  const user = await createVendorUser(app, vendor, { role: 'manager', name });
  return { vendor, userId: user.id, headers: await bearerHeaders(app, 'vendor', user.id, vendor.id) };
}

function errorCode(res: { json: () => unknown }): string | undefined {
  return (res.json() as { error?: { code: string } }).error?.code;
}

describe('customer notes', () => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
  });
  afterAll(async () => t?.close());

  const notesOf = (app: App, customerId: number) =>
    app.wizamart.database.db.withTables<CrmTables>().selectFrom('customer_notes').select(['id', 'body', 'author_name']).where('customer_id', '=', customerId).orderBy('id').execute();

  it('adds notes with their author, lists them newest first, and lets only the author delete one', async () => {
    const vendor = await createVendor(app);
    const marie = await member(app, vendor, 'Marie Schmit');
    const luc = await member(app, vendor, 'Luc Thill');
    const c = await createCustomer(app, { vendorId: vendor.id });
    const add = (who: Member, body: string) => app.inject({ method: 'POST', url: `${API}/${c.id}/notes`, headers: who.headers, payload: { body } });

    const first = await add(marie, '  Prefers pick-up in Esch.\r\nCall before 10.  ');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ author_id: marie.userId, author_name: 'Marie Schmit', body: 'Prefers pick-up in Esch.\nCall before 10.' });
    const second = await add(luc, 'Asked about gift wrapping');
    expect(second.statusCode).toBe(201);

    const list = await app.inject({ method: 'GET', url: `${API}/${c.id}/notes`, headers: marie.headers });
    expect(list.json<{ notes: Note[] }>().notes.map((n) => n.author_name)).toEqual(['Luc Thill', 'Marie Schmit']);

    for (const body of ['   ', 'x'.repeat(4001)]) {
      const res = await add(marie, body);
      expect([res.statusCode, errorCode(res)]).toEqual([400, 'CUSTOMERS_NOTE_INVALID']);
    }

    const lucsNote = second.json<Note>().id;
    const refused = await app.inject({ method: 'DELETE', url: `${API}/${c.id}/notes/${lucsNote}`, headers: marie.headers });
    expect([refused.statusCode, errorCode(refused)]).toEqual([403, 'CUSTOMERS_NOTE_NOT_AUTHOR']);
    const deleted = await app.inject({ method: 'DELETE', url: `${API}/${c.id}/notes/${lucsNote}`, headers: luc.headers });
    expect(deleted.statusCode).toBe(204);
    expect((await notesOf(app, c.id)).map((n) => n.author_name)).toEqual(['Marie Schmit']);
  });

  it('shows notes escaped on the customer page, adds and deletes them with the forms', async () => {
    const vendor = await createVendor(app);
    const marie = await member(app, vendor, 'Marie Schmit');
    const c = await createCustomer(app, { vendorId: vendor.id, name: 'Nina Reuter' });
    const page = await PageSession.signedIn(app, 'vendor', marie.userId, vendor.id);
    const url = `/vendor/${vendor.code}/customers/${c.id}`;
    const empty = await page.get(url);
    expect(empty.body).toContain('No notes yet.');

    const added = await page.post(`${url}/notes`, { body: '<script>alert(1)</script> VIP at the fair' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${url}?notice=created#notes`);
    const shown = await page.get(url);
    expect(shown.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; VIP at the fair');
    expect(shown.body).not.toContain('<script>alert(1)</script>');
    expect(shown.body).toContain('Marie Schmit');

    const invalid = await page.post(`${url}/notes?lang=de`, { body: ' ' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Eine Notiz muss 1 bis 4000 Zeichen lang sein.');

    const [note] = await notesOf(app, c.id);
    await page.get(url);
    const deleted = await page.post(`${url}/notes/${note!.id}/delete`);
    expect(deleted.statusCode).toBe(303);
    expect(await notesOf(app, c.id)).toEqual([]);
  });

  it("answers 404 for another vendor's customer or note, and changes nothing", async () => {
    const a = await createVendor(app);
    const b = await createVendor(app);
    const aUser = await member(app, a, 'A');
    const bUser = await member(app, b, 'B');
    const aCustomer = await createCustomer(app, { vendorId: a.id });
    const bCustomer = await createCustomer(app, { vendorId: b.id, tags: ['b-tag'] });
    const bNote = (await app.inject({ method: 'POST', url: `${API}/${bCustomer.id}/notes`, headers: bUser.headers, payload: { body: 'B only' } })).json<Note>();

    const attempts: Array<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: object; code: string }> = [
      { method: 'GET', url: `${API}/${bCustomer.id}`, code: 'CUSTOMERS_NOT_FOUND' },
      { method: 'GET', url: `${API}/${bCustomer.id}/notes`, code: 'CUSTOMERS_NOT_FOUND' },
      { method: 'POST', url: `${API}/${bCustomer.id}/notes`, payload: { body: 'sneaky' }, code: 'CUSTOMERS_NOT_FOUND' },
      { method: 'PUT', url: `${API}/${bCustomer.id}/tags`, payload: { tags: ['stolen'] }, code: 'CUSTOMERS_NOT_FOUND' },
      { method: 'PUT', url: `${API}/${bCustomer.id}/status`, payload: { status: 'disabled' }, code: 'CUSTOMERS_NOT_FOUND' },
      { method: 'DELETE', url: `${API}/${bCustomer.id}/notes/${bNote.id}`, code: 'CUSTOMERS_NOTE_NOT_FOUND' },
      // B's note through A's own customer: still not found.
      { method: 'DELETE', url: `${API}/${aCustomer.id}/notes/${bNote.id}`, code: 'CUSTOMERS_NOTE_NOT_FOUND' },
    ];
    for (const attempt of attempts) {
      const res = await app.inject({ method: attempt.method, url: attempt.url, headers: aUser.headers, ...(attempt.payload ? { payload: attempt.payload } : {}) });
      expect([res.statusCode, errorCode(res)], `${attempt.method} ${attempt.url}`).toEqual([404, attempt.code]);
    }

    const page = await PageSession.signedIn(app, 'vendor', aUser.userId, a.id);
    const own = `/vendor/${a.code}/customers`;
    expect((await page.get(own)).statusCode).toBe(200);
    for (const path of [`/${bCustomer.id}/tags`, `/${bCustomer.id}/tags/remove`, `/${bCustomer.id}/status`, `/${bCustomer.id}/notes`, `/${bCustomer.id}/notes/${bNote.id}/delete`]) {
      const res = await page.post(`${own}${path}`, { tags: 'stolen', tag: 'b-tag', status: 'disabled', body: 'sneaky' });
      expect(res.statusCode, path).toBe(404);
    }
    expect((await page.get(`${own}/${bCustomer.id}`)).statusCode).toBe(404);
    // The vendor code in the URL is checked against the session: B's pages are not A's to open.
    expect((await page.get(`/vendor/${b.code}/customers/${bCustomer.id}`)).statusCode).toBe(403);

    const row = await app.wizamart.database.db.withTables<CrmTables>().selectFrom('customers').select(['tags', 'status']).where('id', '=', bCustomer.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ tags: ['b-tag'], status: 'active' });
    expect((await notesOf(app, bCustomer.id)).map((n) => n.body)).toEqual(['B only']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../core/mail/mailer.ts';
import { createAdminUser, createVendor, createVendorUser } from '../../../../tests/helpers/auth.ts';
import { PageSession } from '../../../../tests/helpers/page-session.ts';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.ts';

/** The admin mail outbox: where mail is read when no SMTP server is configured. */
describe('mail outbox', () => {
  let t: TestApp;
  let invitation: OutboxEntry;
  let elsewhere: OutboxEntry;
  beforeAll(async () => {
    t = await createTestApp({ platforms: { wizamart: 'all', other: [] } });
    const { mailer } = t.app.wizamart;
    invitation = await mailer.send({
      to: 'ann@example.test',
      subject: 'You are invited to Bakery Schmit',
      text: 'Hello Ann,\nAccept the invitation: https://shop.example.test/vendor/invitations/accept?token=abc&x=1.\nSee you!',
      html: '<html><head><title>Invitation</title></head><body><p>Hello <strong>Ann</strong>, <a href="https://shop.example.test/vendor/invitations/accept?token=abc&amp;x=1">accept</a>.</p><script>alert(1)</script></body></html>',
      template: 'vendor-invite',
      platform: 'wizamart',
    });
    elsewhere = await mailer.send({ to: 'bob@example.test', subject: 'Reset your other password', text: 'Reset: https://other.example.test/r', template: 'password-reset', platform: 'other' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the mail sent with mailer.send, newest first, and says why it is kept', async () => {
    const admin = await createAdminUser(t.app, { superAdmin: true });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const res = await s.get('/admin/outbox');
    expect(res.statusCode).toBe(200);
    expect(t.app.wizamart.mailer.transport).toBe('outbox');
    expect(res.body).toContain('Mail is kept here because SMTP_URL is not set.');
    const rows = [...res.body.matchAll(/data-mail="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows.slice(0, 2)).toEqual([elsewhere.id, invitation.id]);
    expect(res.body).toContain('You are invited to Bakery Schmit');
    expect(res.body).toContain('vendor-invite');
    expect(res.body).toContain('In the outbox');

    const filtered = await s.get('/admin/outbox?to=ANN@');
    expect([...filtered.body.matchAll(/data-mail="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([invitation.id]);
    const none = await s.get('/admin/outbox?to=nobody');
    expect(none.body).toContain('data-testid="outbox-empty"');
    expect(none.body).toContain('No mail was sent to an address containing “nobody”.');
  });

  it('shows a message with its headers, clickable text links and the HTML in a sandboxed frame', async () => {
    const admin = await createAdminUser(t.app, { superAdmin: true });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const res = await s.get(`/admin/outbox/${invitation.id}`);
    expect(res.statusCode).toBe(200);
    const headers = /data-testid="mail-headers">([\s\S]*?)<\/dl>/.exec(res.body)?.[1] ?? '';
    expect(headers).toContain('ann@example.test');
    expect(headers).toContain('vendor-invite');
    expect(headers).toContain('wizamart');
    const text = /<pre class="core-mail-text" data-testid="mail-text">([\s\S]*?)<\/pre>/.exec(res.body)?.[1] ?? '';
    // The sentence's full stop is not part of the link.
    expect(text).toContain('<a href="https://shop.example.test/vendor/invitations/accept?token=abc&amp;x=1" target="_blank" rel="noopener noreferrer">');
    expect(text).toContain('</a>.\nSee you!');
    const frame = /<iframe [^>]*data-testid="mail-html"[^>]*>/.exec(res.body)?.[0] ?? '';
    expect(frame).toMatch(/ sandbox="allow-popups allow-popups-to-escape-sandbox"/);
    expect(frame).not.toContain('allow-scripts');
    expect(frame).not.toContain('allow-same-origin');
    // The mail's markup is only ever an attribute value, escaped, with links opening in a new tab.
    expect(frame).toContain('srcdoc="&lt;html&gt;&lt;head&gt;&lt;base target=&quot;_blank&quot;&gt;&lt;title&gt;Invitation');
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });

  it("never shows a platform admin another platform's mail", async () => {
    const admin = await createAdminUser(t.app, { superAdmin: false, platforms: ['wizamart'] });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const list = await s.get('/admin/outbox');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('You are invited to Bakery Schmit');
    expect(list.body).not.toContain('Reset your other password');
    expect((await s.get(`/admin/outbox/${invitation.id}`)).statusCode).toBe(200);
    const other = await s.get(`/admin/outbox/${elsewhere.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('bob@example.test');
    expect((await s.get('/admin/outbox?platform=other')).statusCode).toBe(403);
  });

  it('pages through many mails, 25 at a time', async () => {
    for (let i = 1; i <= 27; i += 1) {
      await t.app.wizamart.mailer.send({ to: `bulk-${i}@example.test`, subject: `Bulk ${i}`, text: 'x', platform: 'wizamart' });
    }
    const admin = await createAdminUser(t.app, { superAdmin: true });
    const s = await PageSession.signedIn(t.app, 'admin', admin.id);
    const first = await s.get('/admin/outbox?to=bulk-');
    expect(first.body.match(/data-mail="/g)).toHaveLength(25);
    expect(first.body).toContain('1–25 of 27');
    expect(first.body).toContain('href="/admin/outbox?to=bulk-&amp;page=2"');
    const second = await s.get('/admin/outbox?to=bulk-&page=2');
    expect(second.body.match(/data-mail="/g)).toHaveLength(2);
    expect(second.body).toContain('26–27 of 27');
    expect(second.body).toContain('Bulk 1<');
  });

  it('is for admins holding core.outbox.view only', async () => {
    const vendor = await createVendor(t.app);
    const user = await createVendorUser(t.app, vendor, { role: 'owner' });
    const vendorSession = await PageSession.signedIn(t.app, 'vendor', user.id, vendor.id);
    // A vendor session is not an admin session: the admin pages send it to the admin sign-in.
    expect((await vendorSession.get('/admin/outbox')).statusCode).toBe(303);
    // An admin of another platform holds no permission on this one.
    const stranger = await createAdminUser(t.app, { superAdmin: false, platforms: ['other'] });
    const s = await PageSession.signedIn(t.app, 'admin', stranger.id);
    expect((await s.get('/admin/outbox')).statusCode).toBe(403);
  });
});

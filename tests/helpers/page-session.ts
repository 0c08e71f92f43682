import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.ts';
import type { Audience } from '../../src/core/auth/principal.ts';
import { accessCookie, refreshCookie } from '../../src/middleware/auth.ts';

/**
 * A browser-like session for page tests over `app.inject`: it keeps
 * cookies, sends `Accept: text/html`, and fills in the CSRF token of the
 * last page it loaded when it posts a form.
 *
 * @example
 * const s = await PageSession.signedIn(t.app, 'admin', admin.id);
 * const page = await s.get('/admin/vendors');
 * const res = await s.post('/admin/vendors', { code: 'shop', name: 'Shop' });
 * expect(res.headers.location).toMatch(/notice=created/);
 */
export class PageSession {
  readonly app: App;
  readonly cookies = new Map<string, string>();
  #csrf = '';
  readonly #headers: Record<string, string>;

  constructor(app: App, headers: Record<string, string> = {}) {
    this.app = app;
    this.#headers = headers;
  }

  /** A session already signed in as `userId` (vendor sessions bound to `vendorId`). */
  static async signedIn(app: App, audience: Audience, userId: number, vendorId?: number, platform = 'wizamart'): Promise<PageSession> {
    const pair = await app.wizamart.auth.issue(audience, userId, { platform, vendorId: vendorId ?? null });
    const session = new PageSession(app);
    session.cookies.set(accessCookie(audience), pair.accessToken);
    session.cookies.set(refreshCookie(audience), pair.refreshToken);
    return session;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: this.#requestHeaders(headers) });
    this.#remember(res);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.#csrf = token;
    return res;
  }

  /** Posts a form (urlencoded). The CSRF token comes from the last page loaded; pass `_csrf` to override. */
  async post(url: string, form: Record<string, string | readonly string[]> = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    if (!this.#csrf) await this.get(url.replace(/\?.*$/, ''));
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', this.#csrf);
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v as string]) body.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.#requestHeaders(headers), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.#remember(res);
    return res;
  }

  #requestHeaders(extra: Record<string, string>): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { accept: 'text/html', ...this.#headers, ...(cookie ? { cookie } : {}), ...extra };
  }

  #remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}

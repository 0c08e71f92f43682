import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/app-context.ts';
import type { AuthService } from '../../core/auth/auth-service.ts';
import type { VendorChoice } from '../../core/auth/identity-provider.ts';
import type { Audience } from '../../core/auth/principal.ts';
import { rememberLanguage } from '../../modules/views.ts';
import { isAppError } from '../../exceptions/base.ts';
import { accessCookie, clearSessionCookies, csrfGuard, refreshCookie, safeNext, setSessionCookies, signInRateLimit } from '../../middleware/auth.ts';
import { BACK_OFFICE_AUDIENCES } from './audiences.ts';
import { requestMeta } from './auth-api.routes.ts';
import { sendPasswordResetMail } from './password-reset-mail.ts';

type BackOffice = (typeof BACK_OFFICE_AUDIENCES)[number];

interface LoginForm {
  email?: string;
  password?: string;
  vendor_code?: string;
  next?: string;
}

/** `/vendor/<code>/...` in a `next` link names the vendor the user wants. */
function vendorInNext(next: string | undefined): string | undefined {
  return next ? /^(?:\/_[a-z]+\/[a-z0-9-]+)?\/vendor\/([a-z0-9][a-z0-9-]*)\//.exec(next)?.[1] : undefined;
}

/**
 * The back offices' sign-in pages: `/admin/login` and `/vendor/login`,
 * sign-out, "forgot password" and the reset form the mail links to. Forms
 * carry a CSRF token; sign-in is rate-limited per IP and per account; a
 * successful sign-in sets httpOnly cookies and returns to `next`.
 */
export function registerAuthPages(app: FastifyInstance, ctx: AppContext): void {
  const csrf = csrfGuard(app);
  for (const audience of BACK_OFFICE_AUDIENCES) {
    if (!ctx.auth.supports(audience)) continue;
    const root = `/${audience}`;
    const config = { frontend: audience, public: true };
    const home = (request: FastifyRequest, vendorCode?: string) =>
      `${request.urlPrefix}${audience === 'vendor' && vendorCode ? `/vendor/${vendorCode}/dashboard` : `${root}/dashboard`}`;

    const renderLogin = (request: FastifyRequest, reply: FastifyReply, form: LoginForm, extra: { error?: string; vendors?: VendorChoice[] } = {}) =>
      reply.view('auth/login.njk', { audience, form: { email: form.email ?? '', next: form.next ?? '', vendor_code: form.vendor_code ?? '' }, ...extra });

    app.get(root, { config }, async (request, reply) => reply.redirect(audience === 'admin' ? home(request) : `${request.urlPrefix}/vendor/login`));

    app.get(`${root}/login`, { config }, async (request, reply) => {
      const { next } = request.query as { next?: string };
      return renderLogin(request, reply, { next: safeNext(next, '') });
    });

    app.post(`${root}/login`, { config: { ...config, ...signInRateLimit(ctx.settings) }, preHandler: csrf }, async (request, reply) => {
      const form = (request.body ?? {}) as LoginForm;
      const next = safeNext(form.next, '');
      try {
        const meta = requestMeta(request);
        const account = await ctx.auth.verifyCredentials(audience, String(form.email ?? ''), String(form.password ?? ''), meta);
        let vendor: VendorChoice | undefined;
        if (audience === 'vendor') {
          const vendors = (await ctx.auth.identity('vendor').vendorsOf?.({ db: ctx.database.db, userId: account.userId, platform: meta.platform })) ?? [];
          const wanted = form.vendor_code || vendorInNext(next);
          vendor = wanted ? vendors.find((v) => v.code === wanted) : vendors.length === 1 ? vendors[0] : undefined;
          if (!vendor && vendors.length > 1 && !form.vendor_code) {
            return renderLogin(request, reply, { ...form, next }, { vendors, error: request.t('common:auth.choose_vendor') });
          }
          if (!vendor) return reply.status(401).send(await renderedError(request, reply, form, next, 'AUTH_INVALID_CREDENTIALS'));
        }
        const pair = await ctx.auth.issue(audience, account.userId, { ...meta, vendorId: vendor?.id ?? null });
        setSessionCookies(request, reply, audience, pair);
        // The account's language is the page language from now on, on this device.
        rememberLanguage(request, reply, account.language);
        const target = next && (audience !== 'vendor' || vendorInNext(next) === vendor?.code) ? next : home(request, vendor?.code);
        return reply.redirect(target, 303);
      } catch (error) {
        if (!isAppError(error) || (error.status !== 401 && error.status !== 429)) throw error;
        reply.status(error.status);
        return renderLogin(request, reply, { email: form.email ?? '', next }, { error: request.t(`common:errors.${error.code}`, { ...error.params, defaultValue: error.message }) });
      }
    });

    async function renderedError(request: FastifyRequest, reply: FastifyReply, form: LoginForm, next: string, code: string) {
      await renderLogin(request, reply, { email: form.email ?? '', next }, { error: request.t(`common:errors.${code}`) });
      return reply;
    }

    app.post(`${root}/logout`, { config, preHandler: csrf }, async (request, reply) => {
      await signOutByCookies(ctx.auth, audience, request);
      clearSessionCookies(reply, audience);
      return reply.redirect(`${request.urlPrefix}${root}/login?notice=signed_out`, 303);
    });

    app.get(`${root}/forgot-password`, { config }, async (_request, reply) => reply.view('auth/forgot-password.njk', { audience, sent: false }));

    app.post(`${root}/forgot-password`, { config: { ...config, ...signInRateLimit(ctx.settings) }, preHandler: csrf }, async (request, reply) => {
      const email = String((request.body as { email?: string } | undefined)?.email ?? '').slice(0, 320);
      if (email.includes('@')) {
        const started = await ctx.auth.startPasswordReset(audience, email, requestMeta(request));
        if (started) await sendPasswordResetMail(ctx, request, audience, started.account, started.token);
      }
      // The same page whether or not the account exists.
      return reply.view('auth/forgot-password.njk', { audience, sent: true });
    });

    app.get(`${root}/reset-password`, { config }, async (request, reply) => {
      const token = String((request.query as { token?: string }).token ?? '');
      const valid = token.length > 0 && (await ctx.auth.oneTime.isValid('password_reset', audience, token));
      if (!valid) reply.status(400);
      return reply.view('auth/reset-password.njk', { audience, token, valid });
    });

    app.post(`${root}/reset-password`, { config: { ...config, ...signInRateLimit(ctx.settings) }, preHandler: csrf }, async (request, reply) => {
      const body = (request.body ?? {}) as { token?: string; password?: string; password_confirm?: string };
      const token = String(body.token ?? '');
      if (body.password !== body.password_confirm) {
        reply.status(400);
        return reply.view('auth/reset-password.njk', { audience, token, valid: true, error: request.t('common:auth.passwords_differ') });
      }
      try {
        await ctx.auth.completePasswordReset(audience, token, String(body.password ?? ''), requestMeta(request));
      } catch (error) {
        if (!isAppError(error) || error.status !== 400) throw error;
        reply.status(400);
        const valid = error.code !== 'AUTH_RESET_TOKEN_INVALID';
        return reply.view('auth/reset-password.njk', { audience, token, valid, error: request.t(`common:errors.${error.code}`, { ...error.params, defaultValue: error.message }) });
      }
      return reply.redirect(`${request.urlPrefix}${root}/login?notice=password_reset`, 303);
    });
  }
}

/** Ends the session of the page's cookies, whether or not its access token is still fresh (back offices and storefronts). */
export async function signOutByCookies(auth: AuthService, audience: Audience, request: FastifyRequest): Promise<void> {
  const access = request.cookies[accessCookie(audience)];
  if (access) {
    try {
      const claims = await auth.verifyAccessToken(access, audience);
      await auth.signOut(claims.sessionId);
      return;
    } catch {
      // Expired or bad: the refresh cookie names the session instead.
    }
  }
  const refresh = request.cookies[refreshCookie(audience)];
  if (refresh) await auth.sessions.revokeByRefreshToken(refresh, audience);
}

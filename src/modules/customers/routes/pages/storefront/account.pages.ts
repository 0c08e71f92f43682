import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../../../../api/auth/auth-api.routes.ts';
import { field, redirectWithNotice } from '../../../../../api/forms.ts';
import { PASSWORD_MIN_LENGTH } from '../../../../../core/auth/passwords.ts';
import { clearSessionCookies, signInRateLimit } from '../../../../../middleware/auth.ts';
import { LANGUAGE_INFO } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { rememberLanguage } from '../../../../views.ts';
import { sendVerificationMail } from '../../../services/customer-account-mail.ts';
import { CustomerAccountService, type CustomerAccount } from '../../../services/customer-account.service.ts';
import { exportFileName, GdprService } from '../../../services/gdpr.service.ts';
import { toAddressBody, toCustomerBody } from '../../../schemas/account.schema.ts';
import { accountNav, languageOptions, pageError, signedIn } from './account-pages.helpers.ts';

interface ProfileForm {
  name: string;
  phone: string;
  language: string;
  marketing_opt_in: boolean;
}

const formOf = (c: CustomerAccount): ProfileForm => ({ name: c.name, phone: c.phone ?? '', language: c.language, marketing_opt_in: c.marketingOptIn });

/**
 * The signed-in customer's own pages: profile (with e-mail confirmation
 * status and password change), data and privacy (download), and account
 * deletion. Every service is bound to the session's customer and shop,
 * never to an id in the request.
 */
export async function accountPages(r: RouterInstance): Promise<void> {
  const ctx = r.wizamart;
  const config = signedIn;
  const accounts = (request: FastifyRequest) => CustomerAccountService.forPrincipal(ctx, request.principal);
  const me = (request: FastifyRequest) => request.principal!.userId;

  const renderProfile = (
    request: FastifyRequest,
    reply: FastifyReply,
    customer: CustomerAccount,
    extra: { form?: ProfileForm; profileError?: string; passwordError?: string } = {},
  ) =>
    reply.view('customers/storefront/profile.njk', {
      customer,
      form: extra.form ?? formOf(customer),
      languageChoices: languageOptions(),
      nav: accountNav(request, 'profile'),
      passwordHint: { min: PASSWORD_MIN_LENGTH },
      profileError: extra.profileError,
      passwordError: extra.passwordError,
      dates: { createdAt: new Intl.DateTimeFormat(LANGUAGE_INFO[request.language].tag, { dateStyle: 'long' }).format(customer.createdAt) },
    });

  r.get('/account', { config }, async (request, reply) => renderProfile(request, reply, await accounts(request).get(me(request))));

  r.post('/account', { config }, async (request, reply) => {
    const body = request.body;
    const form: ProfileForm = {
      name: field(body, 'name').slice(0, 500),
      phone: field(body, 'phone').slice(0, 100),
      language: field(body, 'language'),
      marketing_opt_in: field(body, 'marketing_opt_in') === 'on',
    };
    try {
      const saved = await accounts(request).updateProfile(me(request), { name: form.name, phone: form.phone, language: form.language, marketingOptIn: form.marketing_opt_in });
      rememberLanguage(request, reply, saved.language);
    } catch (error) {
      const failed = pageError(request, error);
      reply.status(failed.status);
      return renderProfile(request, reply, await accounts(request).get(me(request)), { form, profileError: failed.message });
    }
    return redirectWithNotice(request, reply, '/account', 'profile_saved');
  });

  r.post('/account/password', { config }, async (request, reply) => {
    const current = field(request.body, 'current_password');
    const next = field(request.body, 'new_password');
    const principal = request.principal!;
    let problem: string | undefined;
    if (next !== field(request.body, 'new_password_confirm')) problem = request.t('common:auth.passwords_differ');
    else {
      try {
        await ctx.auth.changePassword('customer', principal.userId, current, next, { ...requestMeta(request), keepSession: principal.sessionId });
      } catch (error) {
        const failed = pageError(request, error);
        problem = failed.code === 'AUTH_INVALID_CREDENTIALS' ? request.t('customers:account.password.current_wrong') : failed.message;
      }
    }
    if (problem) {
      reply.status(400);
      return renderProfile(request, reply, await accounts(request).get(me(request)), { passwordError: problem });
    }
    return redirectWithNotice(request, reply, '/account', 'password_changed');
  });

  // Mails go out on every post: limited per IP like sign-in.
  r.post('/account/verification', { config: { ...config, ...signInRateLimit(ctx.settings) } }, async (request, reply) => {
    const customer = await accounts(request).get(me(request));
    if (customer.emailVerified) return redirectWithNotice(request, reply, '/account', 'email_verified');
    await sendVerificationMail(ctx, request, customer);
    return redirectWithNotice(request, reply, '/account', 'verification_sent');
  });

  // ------------------------------------------------------------ data & privacy

  r.get('/account/data', { config }, async (request, reply) => {
    const customer = await accounts(request).get(me(request));
    return reply.view('customers/storefront/data.njk', { customer, nav: accountNav(request, 'data') });
  });

  r.get('/account/data/download', { config }, async (request, reply) => {
    const data = await new GdprService(ctx, request.principal).export();
    const body = {
      format: data.format,
      exported_at: data.exportedAt,
      shop: data.shop,
      profile: toCustomerBody(data.profile),
      addresses: data.addresses.map(toAddressBody),
      tags: data.tags,
      notes: data.notes.map((n) => ({ body: n.body, created_at: n.createdAt.toISOString() })),
      sessions: data.sessions.map((s) => ({ created_at: s.createdAt.toISOString(), last_used_at: s.lastUsedAt.toISOString(), ip: s.ip, user_agent: s.userAgent })),
    };
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(data)}"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body, null, 2));
  });

  r.get('/account/delete', { config }, async (request, reply) => reply.view('customers/storefront/delete.njk', { nav: accountNav(request, 'data') }));

  r.post('/account/delete', { config }, async (request, reply) => {
    if (field(request.body, 'confirm') !== 'on') {
      reply.status(400);
      return reply.view('customers/storefront/delete.njk', { nav: accountNav(request, 'data'), error: request.t('customers:account.delete.confirm_required') });
    }
    try {
      await new GdprService(ctx, request.principal).deleteAccount(field(request.body, 'password'));
    } catch (error) {
      const failed = pageError(request, error);
      reply.status(failed.status);
      return reply.view('customers/storefront/delete.njk', { nav: accountNav(request, 'data'), error: failed.message });
    }
    clearSessionCookies(reply, 'customer');
    return redirectWithNotice(request, reply, '/', 'account_deleted');
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requestMeta } from '../../../../../api/auth/auth-api.routes.ts';
import { signOutByCookies } from '../../../../../api/auth/auth-pages.routes.ts';
import { sendPasswordResetMail } from '../../../../../api/auth/password-reset-mail.ts';
import { field, redirectWithNotice } from '../../../../../api/forms.ts';
import { PASSWORD_MIN_LENGTH } from '../../../../../core/auth/passwords.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { clearSessionCookies, safeNext, setSessionCookies, signInRateLimit } from '../../../../../middleware/auth.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { rememberLanguage } from '../../../../views.ts';
import { confirmEmail, sendVerificationMail } from '../../../services/customer-account-mail.ts';
import { CustomerAccountService } from '../../../services/customer-account.service.ts';
import { languageOptions, pageError } from './account-pages.helpers.ts';

interface RegisterForm {
  name: string;
  email: string;
  language: string;
  marketing_opt_in: boolean;
}

const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 400 })) });
const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });

/**
 * The signed-out customer pages: sign-in (returning to `?next=`),
 * sign-out, registration, the e-mail confirmation link, and the password
 * reset pair. They use the framework's auth exactly as the back offices'
 * sign-in pages do: per-IP rate limit on every post, per-account lock,
 * answers that never tell whether an address has an account (except
 * registration, which cannot help it and says so politely).
 */
export async function signInPages(r: RouterInstance): Promise<void> {
  const ctx = r.wizamart;
  const limited = signInRateLimit(ctx.settings);
  const home = (request: FastifyRequest) => `${request.urlPrefix}/account`;
  const passwordHint = { min: PASSWORD_MIN_LENGTH };

  const renderLogin = (reply: FastifyReply, form: { email: string; next: string }, error?: string) =>
    reply.view('customers/storefront/login.njk', { form, error, passwordHint });

  r.get('/account/login', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next, '');
    if (request.principal) return reply.redirect(next || home(request), 303);
    return renderLogin(reply, { email: '', next });
  });

  r.post('/account/login', { config: limited }, async (request, reply) => {
    const email = field(request.body, 'email').slice(0, 320);
    const next = safeNext(field(request.body, 'next'), '');
    try {
      const meta = requestMeta(request);
      const account = await ctx.auth.verifyCredentials('customer', email, field(request.body, 'password'), meta);
      const pair = await ctx.auth.issue('customer', account.userId, meta);
      setSessionCookies(request, reply, 'customer', pair);
      rememberLanguage(request, reply, account.language);
      return reply.redirect(next || `${home(request)}?notice=signed_in`, 303);
    } catch (error) {
      if (!isAppError(error) || (error.status !== 401 && error.status !== 429)) throw error;
      reply.status(error.status);
      return renderLogin(reply, { email, next }, request.t(`common:errors.${error.code}`, { ...error.params, defaultValue: error.message }));
    }
  });

  r.post('/account/logout', {}, async (request, reply) => {
    await signOutByCookies(ctx.auth, 'customer', request);
    clearSessionCookies(reply, 'customer');
    return redirectWithNotice(request, reply, '/account/login', 'signed_out');
  });

  // ------------------------------------------------------------ registration

  const emptyForm = (request: FastifyRequest): RegisterForm => ({ name: '', email: '', language: request.language, marketing_opt_in: false });
  const renderRegister = (reply: FastifyReply, form: RegisterForm, extra: { error?: string; emailTaken?: boolean } = {}) =>
    reply.view('customers/storefront/register.njk', { form, languageChoices: languageOptions(), passwordHint, ...extra });

  r.get('/account/register', async (request, reply) => {
    if (request.principal) return reply.redirect(home(request), 303);
    return renderRegister(reply, emptyForm(request));
  });

  r.post('/account/register', { config: limited }, async (request, reply) => {
    const body = request.body;
    const form: RegisterForm = {
      name: field(body, 'name').slice(0, 500),
      email: field(body, 'email').slice(0, 400),
      language: field(body, 'language') || request.language,
      marketing_opt_in: field(body, 'marketing_opt_in') === 'on',
    };
    const password = field(body, 'password');
    if (password !== field(body, 'password_confirm')) {
      reply.status(400);
      return renderRegister(reply, form, { error: request.t('common:auth.passwords_differ') });
    }
    let customer;
    try {
      customer = await CustomerAccountService.forVendor(ctx, request.vendor?.id).register({ ...form, password, marketingOptIn: form.marketing_opt_in });
    } catch (error) {
      const failed = pageError(request, error);
      reply.status(failed.status);
      // The address has an account here: say so, and offer the two ways in, nothing more.
      if (failed.code === 'CUSTOMERS_EMAIL_TAKEN') return renderRegister(reply, form, { emailTaken: true });
      return renderRegister(reply, form, { error: failed.message });
    }
    await sendVerificationMail(ctx, request, customer);
    // A new customer is signed in straight away; the banner on the account asks them to confirm the address.
    const pair = await ctx.auth.issue('customer', customer.id, requestMeta(request));
    setSessionCookies(request, reply, 'customer', pair);
    rememberLanguage(request, reply, customer.language);
    return redirectWithNotice(request, reply, '/account', 'registered');
  });

  // ------------------------------------------------------- e-mail confirmation

  r.get('/account/verify-email', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token ?? '';
    try {
      await confirmEmail(ctx, CustomerAccountService.forVendor(ctx, request.vendor?.id), token);
    } catch (error) {
      const failed = pageError(request, error);
      reply.status(failed.status);
      return reply.view('customers/storefront/verify-email.njk', { verified: false, error: failed.message });
    }
    if (request.principal) return redirectWithNotice(request, reply, '/account', 'email_verified');
    return reply.view('customers/storefront/verify-email.njk', { verified: true });
  });

  // ------------------------------------------------------------ password reset

  r.get('/account/forgot-password', async (_request, reply) => reply.view('customers/storefront/forgot-password.njk', { sent: false, email: '' }));

  r.post('/account/forgot-password', { config: limited }, async (request, reply) => {
    const email = field(request.body, 'email').slice(0, 320);
    if (email.includes('@')) {
      const started = await ctx.auth.startPasswordReset('customer', email, requestMeta(request));
      if (started) await sendPasswordResetMail(ctx, request, 'customer', started.account, started.token);
    }
    // The same answer whether or not the address has an account here.
    return reply.view('customers/storefront/forgot-password.njk', { sent: true, email: '' });
  });

  r.get('/account/reset-password', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token ?? '';
    const valid = token.length > 0 && (await ctx.auth.oneTime.isValid('password_reset', 'customer', token));
    if (!valid) reply.status(400);
    return reply.view('customers/storefront/reset-password.njk', { token, valid, passwordHint });
  });

  r.post('/account/reset-password', { config: limited }, async (request, reply) => {
    const token = field(request.body, 'token');
    const password = field(request.body, 'password');
    if (password !== field(request.body, 'password_confirm')) {
      reply.status(400);
      return reply.view('customers/storefront/reset-password.njk', { token, valid: true, passwordHint, error: request.t('common:auth.passwords_differ') });
    }
    try {
      await ctx.auth.completePasswordReset('customer', token, password, requestMeta(request));
    } catch (error) {
      const failed = pageError(request, error);
      reply.status(failed.status);
      return reply.view('customers/storefront/reset-password.njk', { token, valid: failed.code !== 'AUTH_RESET_TOKEN_INVALID', passwordHint, error: failed.message });
    }
    // Every session of the account ended with the reset, this browser's too.
    clearSessionCookies(reply, 'customer');
    return redirectWithNotice(request, reply, '/account/login', 'password_reset');
  });
}

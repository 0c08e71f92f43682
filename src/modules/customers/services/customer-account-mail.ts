import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/app-context.ts';
import { sendTemplatedMail } from '../../../core/mail/templated-mail.ts';
import { siteUrl } from '../../../api/auth/password-reset-mail.ts';
import { AppError } from '../../../exceptions/base.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import type { CustomerAccount, CustomerAccountService } from './customer-account.service.ts';

/** A confirmation link stays valid for two days: long enough for a mail read the next evening. */
export const VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;
const PURPOSE = 'email_verification';

/**
 * Mails a link that confirms the customer's e-mail address, in the
 * customer's language, signed with the shop's name. The one-time token
 * names the customer and the address it was sent to: a link for an older
 * address confirms nothing. Sending a new link retires the previous one.
 */
export async function sendVerificationMail(ctx: Pick<AppContext, 'auth' | 'mailer'>, request: FastifyRequest, customer: CustomerAccount): Promise<void> {
  const { token } = await ctx.auth.oneTime.issue(PURPOSE, 'customer', String(customer.id), VERIFICATION_TTL_MS, { email: customer.email, vendorId: customer.vendorId });
  const link = `${siteUrl(request)}/account/verify-email?token=${encodeURIComponent(token)}`;
  const shop = request.vendor?.name ?? request.platform.name ?? request.platform.code;
  await sendTemplatedMail(ctx.mailer, request.server.views, {
    to: customer.email,
    language: customer.language,
    view: 'customers/mail/verify-email',
    subject: (t) => t('customers:mail.verify_email.subject', { shop }),
    context: { name: customer.name, link, shop, platform: shop, hours: VERIFICATION_TTL_MS / 3_600_000 },
    template: 'customer-verify-email',
    platform: request.platform.code,
    vendorId: customer.vendorId,
  });
}

/**
 * Confirms the address of a verification link opened on this shop
 * (CUSTOMERS_VERIFICATION_INVALID otherwise). The token is checked against
 * the shop before it is spent, so a link opened on the wrong shop stays
 * usable on the right one.
 */
export async function confirmEmail(ctx: Pick<AppContext, 'auth'>, accounts: CustomerAccountService, token: string): Promise<CustomerAccount> {
  const invalid = () => new AppError(CUSTOMERS_ERRORS.CUSTOMERS_VERIFICATION_INVALID);
  if (token.length === 0 || token.length > 200) throw invalid();
  const pending = await ctx.auth.oneTime.peek(PURPOSE, 'customer', token);
  if (!pending || pending.data.vendorId !== accounts.scope.vendorId) throw invalid();
  const id = Number(pending.subject);
  const email = typeof pending.data.email === 'string' ? pending.data.email : '';
  if (!(await ctx.auth.oneTime.redeem(PURPOSE, 'customer', token))) throw invalid();
  if (!(await accounts.markEmailVerified(id, email))) throw invalid();
  return accounts.get(id);
}

import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/app-context.ts';
import type { AccountRecord } from '../../core/auth/identity-provider.ts';
import type { Audience } from '../../core/auth/principal.ts';
import { isLanguage } from '../../modules/locales.ts';
import { AUDIENCE_ROUTES } from './audiences.ts';
import { sendTemplatedMail } from '../../core/mail/templated-mail.ts';

/** The site's own address as the request reached it (with the development prefix), for links in mail. */
export function siteUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.urlPrefix}`;
}

/**
 * Mails a password reset link in the account's language. Sent through the
 * mailer: SMTP when configured, else the outbox admins can read.
 */
export async function sendPasswordResetMail(ctx: Pick<AppContext, 'mailer'>, request: FastifyRequest, audience: Audience, account: AccountRecord, token: string): Promise<void> {
  const language = isLanguage(account.language) ? account.language : request.language;
  const link = `${siteUrl(request)}${AUDIENCE_ROUTES[audience].pages}/reset-password?token=${encodeURIComponent(token)}`;
  // A customer knows the shop, not the platform behind it.
  const platform = (audience === 'customer' ? request.vendor?.name : undefined) ?? request.platform.name ?? request.platform.code;
  await sendTemplatedMail(ctx.mailer, request.server.views, {
    to: account.email,
    language,
    view: 'mail/password-reset',
    subject: (t) => t('common:mail.password_reset.subject', { platform }),
    context: { name: account.name, link, platform },
    template: 'password-reset',
    platform: request.platform.code,
  });
}

import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/app-context.ts';
import { siteUrl } from '../../../api/auth/password-reset-mail.ts';
import { isLanguage } from '../../locales.ts';

export interface AdminInvitee {
  readonly email: string;
  readonly name: string;
  readonly language: string;
}

/**
 * Mails a new admin the link that sets their first password, in the
 * admin's language. The link is the framework's reset-password page: an
 * invitation is a password reset for an account that has no password yet.
 */
export async function sendAdminInviteMail(
  ctx: Pick<AppContext, 'mailer'>,
  request: FastifyRequest,
  invitee: AdminInvitee,
  token: string,
  invitedBy: string,
): Promise<void> {
  const language = isLanguage(invitee.language) ? invitee.language : request.language;
  const t = request.server.views.translations.translator(language);
  const platform = request.platform.name ?? request.platform.code;
  const link = `${siteUrl(request)}/admin/reset-password?token=${encodeURIComponent(token)}`;
  const context = { t, name: invitee.name, email: invitee.email, invitedBy, link, platform };
  await ctx.mailer.send({
    to: invitee.email,
    subject: t('tenancy:mail.admin_invite.subject', { platform }),
    text: request.server.views.render('tenancy/mail/admin-invite.txt.njk', context),
    html: request.server.views.render('tenancy/mail/admin-invite.html.njk', context),
    template: 'tenancy.admin-invite',
    platform: request.platform.code,
  });
}

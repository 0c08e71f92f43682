import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/app-context.ts';
import { siteUrl } from '../../../api/auth/password-reset-mail.ts';
import { isLanguage } from '../../locales.ts';
import { sendTemplatedMail } from '../../../core/mail/templated-mail.ts';

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
  const platform = request.platform.name ?? request.platform.code;
  const link = `${siteUrl(request)}/admin/reset-password?token=${encodeURIComponent(token)}`;
  await sendTemplatedMail(ctx.mailer, request.server.views, {
    to: invitee.email,
    language,
    view: 'tenancy/mail/admin-invite',
    subject: (t) => t('tenancy:mail.admin_invite.subject', { platform }),
    context: { name: invitee.name, email: invitee.email, invitedBy, link, platform },
    template: 'tenancy.admin-invite',
    platform: request.platform.code,
  });
}

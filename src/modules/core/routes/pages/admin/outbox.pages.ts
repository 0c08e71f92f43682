import type { RouterInstance } from '../../../../routes.ts';
import { OutboxListQuery, OutboxMailParams } from '../../../schemas/outbox.schema.ts';
import { shownDate } from '../../../services/date-format.ts';
import { OUTBOX_PAGE_SIZE, getOutboxMail, linkify, listOutbox, pageWindow, platformChoices, previewDocument, statusTone } from '../../../services/outbox.service.ts';

const config = { permission: 'core.outbox.view' };

/**
 * The mail outbox: every message the platform sent or kept, newest first,
 * and each message with its text and HTML bodies. Without SMTP this is
 * where invitations and password reset links are read.
 */
export async function outboxPages(r: RouterInstance): Promise<void> {
  r.get('/outbox', { config, schema: { querystring: OutboxListQuery } }, async (request, reply) => {
    const principal = request.principal!;
    const { wizamart } = request.server;
    const query = request.query;
    const [result, platforms] = await Promise.all([
      listOutbox(wizamart.mailer, principal, { to: query.to, page: query.page, platform: query.platform, currentPlatform: request.platform.code }),
      platformChoices(wizamart.database.db, principal),
    ]);
    const to = query.to?.trim() ?? '';
    const pageUrl = (page: number) => {
      const params = new URLSearchParams();
      if (to) params.set('to', to);
      if (result.platform && query.platform) params.set('platform', result.platform);
      if (page > 1) params.set('page', String(page));
      const qs = params.toString();
      return `/admin/outbox${qs ? `?${qs}` : ''}`;
    };
    return reply.view('core/admin/outbox/list.njk', {
      transport: wizamart.mailer.transport,
      filters: { to, platform: result.platform ?? '' },
      // Super admins may look at all platforms at once; a platform admin chooses among theirs.
      platforms,
      allPlatforms: principal.platforms === 'all',
      mails: result.entries.map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        template: m.template,
        platform: m.platform_code,
        status: m.status,
        tone: statusTone(m.status),
        at: shownDate(m.created_at, request.language),
      })),
      pagination: {
        page: result.page,
        pages: result.pages,
        total: result.total,
        from: result.total === 0 ? 0 : (result.page - 1) * OUTBOX_PAGE_SIZE + 1,
        to: Math.min(result.page * OUTBOX_PAGE_SIZE, result.total),
        window: pageWindow(result.page, result.pages),
      },
      pageUrl,
      breadcrumbs: [{ label: request.t('core:menu.outbox') }],
    });
  });

  r.get('/outbox/:id', { config, schema: { params: OutboxMailParams } }, async (request, reply) => {
    const mail = await getOutboxMail(request.server.wizamart.mailer, request.principal!, request.params.id);
    return reply.view('core/admin/outbox/show.njk', {
      transport: request.server.wizamart.mailer.transport,
      mail: {
        id: mail.id,
        to: mail.to_address,
        subject: mail.subject,
        template: mail.template,
        platform: mail.platform_code,
        vendorId: mail.vendor_id,
        status: mail.status,
        tone: statusTone(mail.status),
        transport: mail.transport,
        error: mail.error,
        created: shownDate(mail.created_at, request.language),
        sent: mail.sent_at ? shownDate(mail.sent_at, request.language) : undefined,
        textParts: linkify(mail.text_body),
        htmlDocument: mail.html_body ? previewDocument(mail.html_body) : undefined,
      },
      breadcrumbs: [{ label: request.t('core:menu.outbox'), path: `${request.urlPrefix}/admin/outbox` }, { label: mail.subject }],
    });
  });
}

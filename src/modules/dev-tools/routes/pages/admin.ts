import { Type } from 'typebox';
import { defineRouter } from '../../../routes.ts';
import { getIcon, groupIcons } from '../../services/icon-catalog.service.ts';

const IconParams = Type.Object({ name: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }) });

/**
 * The developer tools pages, at /admin/dev-tools/…: the live component
 * library of the platform stylesheet and the icon browser. Admin-only
 * (internal module), for admins holding `dev-tools.view`.
 */
const config = { permission: 'dev-tools.view' };

export const router = defineRouter(async (r) => {
  r.get('/dev-tools', async (_request, reply) => reply.redirect('/admin/dev-tools/components'));

  r.get('/dev-tools/components', { config }, async (request, reply) =>
    reply.view('dev-tools/admin/components.njk', {
      breadcrumbs: [{ label: request.t('dev-tools:title'), path: '/admin/dev-tools/components' }, { label: request.t('dev-tools:components.title') }],
    }),
  );

  r.get('/dev-tools/icons', { config }, async (request, reply) =>
    reply.view('dev-tools/admin/icons.njk', {
      groups: groupIcons(request.server.views.icons),
      breadcrumbs: [{ label: request.t('dev-tools:title'), path: '/admin/dev-tools/components' }, { label: request.t('dev-tools:icons.title') }],
    }),
  );

  r.get('/dev-tools/icons/:name', { config, schema: { params: IconParams } }, async (request, reply) => {
    const detail = getIcon(request.server.views.icons, request.params.name);
    return reply.view('dev-tools/admin/icon.njk', {
      detail,
      breadcrumbs: [
        { label: request.t('dev-tools:title'), path: '/admin/dev-tools/components' },
        { label: request.t('dev-tools:icons.title'), path: '/admin/dev-tools/icons' },
        { label: detail.name },
      ],
    });
  });
});

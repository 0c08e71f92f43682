import type { Frontend } from '../../../modules/base.ts';
import type { ScaffoldContext } from '../scaffold-context.ts';

/** Where the page sits below its frontend's mount: vendor pages live below `/vendor/<vendor_code>`. */
export function pagePath(c: ScaffoldContext, frontend: Frontend): string {
  return frontend === 'vendor' ? `/:vendor_code/${c.code}` : `/${c.code}`;
}

/** `routes/pages/<frontend>.ts`: the HTML page, mounted at `/<frontend>` (storefront pages at the shop's root). */
export function renderPageRoute(c: ScaffoldContext, frontend: Frontend): string {
  const path = pagePath(c, frontend);
  return `import { defineRouter } from '${c.importFrom('routes/pages', 'routes')}';
import { config } from '../../config.ts';
import { ${c.pascal}Service } from '../../services/${c.code}.service.ts';

/** The ${c.name} page of the ${frontend} frontend, at \`${frontend === 'storefront' ? '' : `/${frontend}`}${path}\`. */
export const router = defineRouter(async (r) => {
  const items = new ${c.pascal}Service(r.wizamart.database.db);

  r.get('${path}', async (request, reply) =>
    reply.view('${c.code}/${frontend}/index.njk', {
      items: await items.list(request.platform.code, config.pageSize),
      breadcrumbs: [{ label: request.t('${c.code}:title') }],
    }),
  );
});
`;
}

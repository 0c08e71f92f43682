import type { Frontend } from '../../../modules/base.ts';
import type { ScaffoldContext } from '../scaffold-context.ts';

/**
 * `routes/api/<frontend>.ts`: the JSON API, mounted at
 * `/api/v1/<frontend>/<code>`. The admin API reads and writes behind the
 * admin token; other frontends get the read routes, since they have no
 * sign-in to guard writes with yet.
 */
export function renderApiRoute(c: ScaffoldContext, frontend: Frontend): string {
  const p = c.pascal;
  const admin = frontend === 'admin';
  const security = admin ? '\n        security,' : '';
  const e401 = admin ? '401, ' : '';
  const imports = [
    `import { errorResponses } from '${c.importFrom('routes/api', 'apiSchemas')}';`,
    `import { defineRouter } from '${c.importFrom('routes/api', 'routes')}';`,
    `import { config } from '../../config.ts';`,
    `import { ${admin ? `Create${p}ItemSchema, ` : ''}${p}ItemListSchema, ${p}ItemParamsSchema, ${p}ItemSchema } from '../../schemas/${c.code}.schema.ts';`,
    `import { ${p}Service } from '../../services/${c.code}.service.ts';`,
  ];
  const create = admin
    ? `

  r.post(
    '',
    {
      schema: {
        summary: 'Adds an item to the platform',
        security,
        body: Create${p}ItemSchema,
        response: { 201: ${p}ItemSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await items.create(request.platform.code, request.body)),
  );`
    : '';
  return `${imports.join('\n')}
${admin ? "\n/** Admin routes need a signed-in admin (the framework checks it); the permission is checked per route. */\nconst security = [{ bearerAuth: [] }];\n" : ''}
/**
 * The ${c.name} API of the ${frontend} frontend, at \`/api/v1/${frontend}/${c.code}\`.${admin ? ' Admin token only.' : ''}
 * The module gate answers 404 first when ${c.code} is disabled on the platform.
 */
export const router = defineRouter(async (r) => {
  const items = new ${p}Service(r.wizamart.database.db);

  r.get(
    '',
    {
      schema: {
        summary: 'The platform\\'s items',${security}
        response: { 200: ${p}ItemListSchema, ...errorResponses(${e401}404) },
      },
    },
    async (request) => ({ items: await items.list(request.platform.code, config.pageSize) }),
  );

  r.get(
    '/:id',
    {
      schema: {
        summary: 'One item',${security}
        params: ${p}ItemParamsSchema,
        response: { 200: ${p}ItemSchema, ...errorResponses(400, ${e401}404) },
      },
    },
    async (request) => items.get(request.platform.code, request.params.id),
  );${create}
});
`;
}

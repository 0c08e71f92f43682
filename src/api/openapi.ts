import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { ModuleRegistry } from '../modules/registry.ts';

/**
 * The OpenAPI document, built from the route schemas, at `/docs/json`, and
 * its browsable form at `/docs`. Each module is a tag.
 */
export async function registerOpenApi(app: FastifyInstance, registry: ModuleRegistry): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Wizamart API', version: '1.0.0', description: 'Multi-tenant commerce platform.' },
      tags: [
        { name: 'framework', description: 'Health, metrics and module management' },
        ...[...registry.MODULES.values()].map((m) => ({ name: m.code, description: m.name })),
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /api/v1/{admin,vendor}/auth/login' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}

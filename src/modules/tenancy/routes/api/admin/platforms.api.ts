import { errorResponses } from '../../../../../api/schemas.ts';
import type { RouterInstance } from '../../../../routes.ts';
import {
  AddDomainBody,
  CreatePlatformBody,
  PlatformBody,
  PlatformCodeParams,
  PlatformDomainParams,
  PlatformListBody,
  UpdatePlatformBody,
  toPlatformBody,
} from '../../../schemas/platform.schema.ts';
import { PlatformService } from '../../../services/platform.service.ts';
import { accessOf } from '../../../services/tenant-rules.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'tenancy.platforms.view' };
const manage = { permission: 'tenancy.platforms.manage' };

/**
 * Platforms and their domains, under `/api/v1/admin/tenancy/platforms`.
 * An admin sees the platforms they administer (a super admin all); another
 * platform's code answers 404. Creating and changing platforms needs
 * `tenancy.platforms.manage`, which only super admins hold.
 */
export async function platformsApi(r: RouterInstance): Promise<void> {
  const platforms = new PlatformService(r.wizamart);

  r.get(
    '/platforms',
    {
      config: view,
      schema: { summary: 'The platforms you administer, with domains, vendor and module counts', security, response: { 200: PlatformListBody, ...errorResponses(401, 403) } },
    },
    async (request) => ({ platforms: (await platforms.list(accessOf(request.principal))).map(toPlatformBody) }),
  );

  r.post(
    '/platforms',
    {
      config: manage,
      schema: {
        summary: 'Create a platform (super admins); no optional module is enabled on it yet',
        security,
        body: CreatePlatformBody,
        response: { 201: PlatformBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { code, name, default_language, languages } = request.body;
      const created = await platforms.create(accessOf(request.principal), { code, name, defaultLanguage: default_language, languages });
      return reply.status(201).send(toPlatformBody(created));
    },
  );

  r.get(
    '/platforms/:code',
    {
      config: view,
      schema: { summary: 'One platform', security, params: PlatformCodeParams, response: { 200: PlatformBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toPlatformBody(await platforms.get(accessOf(request.principal), request.params.code)),
  );

  r.patch(
    '/platforms/:code',
    {
      config: manage,
      schema: {
        summary: "Change a platform's name, languages and default language",
        security,
        params: PlatformCodeParams,
        body: UpdatePlatformBody,
        response: { 200: PlatformBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { name, default_language, languages } = request.body;
      return toPlatformBody(await platforms.update(accessOf(request.principal), request.params.code, { name, defaultLanguage: default_language, languages }));
    },
  );

  r.post(
    '/platforms/:code/domains',
    {
      config: manage,
      schema: {
        summary: 'Add a domain to a platform, or make one of its domains primary',
        security,
        params: PlatformCodeParams,
        body: AddDomainBody,
        response: { 200: PlatformBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { domain, primary } = request.body;
      return toPlatformBody(await platforms.addDomain(accessOf(request.principal), request.params.code, { domain, primary }));
    },
  );

  r.delete(
    '/platforms/:code/domains/:domain',
    {
      config: manage,
      schema: {
        summary: 'Remove a domain from a platform (the oldest remaining becomes primary if needed)',
        security,
        params: PlatformDomainParams,
        response: { 200: PlatformBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => toPlatformBody(await platforms.removeDomain(accessOf(request.principal), request.params.code, request.params.domain)),
  );
}

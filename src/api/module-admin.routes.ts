import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { actorOf } from '../core/auth/principal.ts';
import { authenticate, requirePermission, requirePlatformAccess } from '../middleware/auth.ts';
import { moduleTier } from '../modules/base.ts';
import { errorResponses } from './schemas.ts';

const Tier = Type.Union([Type.Literal('core'), Type.Literal('optional'), Type.Literal('internal')]);

const ModuleInfo = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  version: Type.String(),
  tier: Tier,
  requires: Type.Array(Type.String()),
  dependents: Type.Array(Type.String()),
  features: Type.Array(Type.String()),
  permissions: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })),
  events: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
});

const PlatformModule = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  version: Type.String(),
  tier: Tier,
  requires: Type.Array(Type.String()),
  enabled: Type.Boolean(),
});

const ChangeResult = Type.Object({
  platform: Type.String(),
  module: Type.String(),
  action: Type.Union([Type.Literal('enable'), Type.Literal('disable')]),
  dry_run: Type.Boolean(),
  changed: Type.Array(Type.String(), { description: 'Modules whose state changed (or would, in a dry run)' }),
  plan: Type.Array(
    Type.Object({ module: Type.String(), from: Type.Boolean(), to: Type.Boolean(), reason: Type.String() }),
  ),
});

const AuditEntry = Type.Object({
  id: Type.Integer(),
  module: Type.String(),
  action: Type.Union([Type.Literal('enable'), Type.Literal('disable')]),
  actor: Type.String(),
  changed: Type.Array(Type.String()),
  plan: Type.Array(Type.Object({ module: Type.String(), from: Type.Boolean(), to: Type.Boolean(), reason: Type.String() })),
  created_at: Type.String({ format: 'date-time' }),
});

const CodeParam = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });

/**
 * Module management for the admin frontend: the registry, a platform's
 * module states, and enabling or disabling with the cascade (dry run with
 * `?dry_run=true`). The same service and audit log as the CLI.
 */
export function registerModuleAdminApi(app: FastifyInstance, ctx: AppContext): void {
  const { registry, modules } = ctx;
  const view = requirePermission('tenancy.modules.view');
  const manage = requirePermission('tenancy.modules.manage');
  const platformAccess = requirePlatformAccess('platform');

  void app.register(
    async (scope) => {
      if (ctx.auth.supports('admin')) scope.addHook('preHandler', authenticate(ctx.auth, 'admin', { mode: 'api' }));

      scope.get(
        '/modules',
        {
          preHandler: view,
          schema: {
            tags: ['framework'],
            summary: 'All installed modules with their tier and dependencies',
            security: [{ bearerAuth: [] }],
            response: { 200: Type.Object({ modules: Type.Array(ModuleInfo) }), ...errorResponses(401, 403) },
          },
        },
        async () => ({
          modules: [...registry.MODULES.values()].map((d) => ({
            code: d.code,
            name: d.name,
            description: d.description,
            version: d.version,
            tier: moduleTier(d),
            requires: [...d.requires],
            dependents: [...registry.directDependentsOf(d.code)],
            features: [...d.features],
            permissions: d.permissions.map((p) => ({ ...p })),
            events: d.events.map((e) => ({ ...e })),
          })),
        }),
      );

      scope.get(
        '/platforms/:platform/modules',
        {
          preHandler: [platformAccess, view],
          schema: {
            tags: ['framework'],
            summary: "A platform's modules and whether each is enabled",
            security: [{ bearerAuth: [] }],
            params: Type.Object({ platform: CodeParam }),
            response: {
              200: Type.Object({ platform: Type.String(), modules: Type.Array(PlatformModule) }),
              ...errorResponses(400, 401, 403, 404),
            },
          },
        },
        async (request) => {
          const { platform } = request.params as { platform: string };
          const list = await modules.getPlatformModules(platform);
          return { platform, modules: list.map((m) => ({ ...m, requires: [...m.requires] })) };
        },
      );

      scope.get(
        '/platforms/:platform/modules/audit',
        {
          preHandler: [platformAccess, view],
          schema: {
            tags: ['framework'],
            summary: "The audit log of a platform's module changes, newest first",
            security: [{ bearerAuth: [] }],
            params: Type.Object({ platform: CodeParam }),
            querystring: Type.Object({
              limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
              offset: Type.Integer({ minimum: 0, default: 0 }),
            }),
            response: {
              200: Type.Object({ platform: Type.String(), total: Type.Integer(), entries: Type.Array(AuditEntry) }),
              ...errorResponses(400, 401, 403, 404),
            },
          },
        },
        async (request) => {
          const { platform } = request.params as { platform: string };
          const { limit, offset } = request.query as { limit: number; offset: number };
          const page = await modules.getAuditLog(platform, { limit, offset });
          return {
            platform,
            total: page.total,
            entries: page.entries.map((e) => ({ ...e, created_at: e.createdAt.toISOString() })),
          };
        },
      );

      for (const action of ['enable', 'disable'] as const) {
        scope.post(
          `/platforms/:platform/modules/:module/${action}`,
          {
            preHandler: [platformAccess, manage],
            schema: {
              tags: ['framework'],
              summary: action === 'enable' ? 'Enable a module and what it requires' : 'Disable a module and what requires it',
              security: [{ bearerAuth: [] }],
              params: Type.Object({ platform: CodeParam, module: CodeParam }),
              querystring: Type.Object({ dry_run: Type.Boolean({ default: false }) }),
              response: { 200: ChangeResult, ...errorResponses(400, 401, 403, 404, 409) },
            },
          },
          async (request) => {
            const { platform, module } = request.params as { platform: string; module: string };
            const { dry_run: dryRun } = request.query as { dry_run: boolean };
            const actor = actorOf(request.principal);
            const result =
              action === 'enable'
                ? await modules.enableModule(platform, module, { actor, dryRun })
                : await modules.disableModule(platform, module, { actor, dryRun });
            return { ...result, dry_run: result.dryRun, changed: [...result.changed], plan: [...result.plan] };
          },
        );
      }
    },
    { prefix: '/api/v1/admin' },
  );
}

import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext, PlatformRef } from '../core/app-context.ts';
import type { FrameworkTables } from '../core/database/tables.ts';
import type { VendorInfo } from '../core/tenants.ts';
import type { Frontend } from './base.ts';
import type { Language } from './locales.ts';

export interface ViewContextInput {
  readonly request: FastifyRequest;
  readonly db: Kysely<FrameworkTables>;
  readonly platform: PlatformRef;
  /** The vendor whose host (or development prefix) the request came in on. */
  readonly vendor: VendorInfo | undefined;
  readonly language: Language;
}

/**
 * What a module adds to every page of a frontend: the storefront's theme
 * (cms), the store's address and hours (core). Templates read it as
 * `site.<module code>`. Contributors run on every page, so they cache.
 */
export type ViewContextContributor = (input: ViewContextInput) => Promise<Readonly<Record<string, unknown>> | undefined>;

/**
 * The `site` object of a page: each enabled module's contribution under its
 * code. A contributor that throws is logged and left out, so one module's
 * fault costs its part of the page, not the page.
 */
export async function collectSiteContext(ctx: Pick<AppContext, 'registry' | 'modules' | 'database'>, request: FastifyRequest, frontend: Frontend): Promise<Record<string, Readonly<Record<string, unknown>>>> {
  const contributors: Array<[string, ViewContextContributor]> = [];
  for (const def of ctx.registry.MODULES.values()) {
    const fn = def.viewContext?.[frontend];
    if (fn) contributors.push([def.code, fn]);
  }
  if (contributors.length === 0) return {};
  const enabled = new Set(await ctx.modules.getEnabledModuleCodes(request.platform.code));
  const input: ViewContextInput = { request, db: ctx.database.db, platform: request.platform, vendor: request.vendor, language: request.language };
  const entries = await Promise.all(
    contributors
      .filter(([code]) => enabled.has(code))
      .map(async ([code, fn]): Promise<[string, Readonly<Record<string, unknown>>] | undefined> => {
        try {
          const value = await fn(input);
          return value ? [code, value] : undefined;
        } catch (error) {
          request.log.error({ err: error, module: code }, 'view context contributor failed');
          return undefined;
        }
      }),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}

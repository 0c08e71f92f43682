import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext, PlatformRef } from '../core/app-context.ts';
import type { Settings } from '../core/config.ts';
import type { Principal } from '../core/auth/principal.ts';
import type { FrameworkTables } from '../core/database/tables.ts';
import type { Language, TranslateFn } from './locales.ts';

/**
 * Dashboard cards contributed by modules. A module declares them in its
 * definition (`widgets: { admin: [...], vendor: [...] }`); the dashboard
 * shows those of the modules enabled on the platform whose permission the
 * user holds, so disabling a module takes its card away.
 */
export interface DashboardWidget {
  /** Unique within the module. */
  readonly id: string;
  /** Translation key of the card's title, e.g. `cms:widgets.pages.title`. */
  readonly title: string;
  /** The permission the user needs to see the card. */
  readonly permission?: string;
  /** Position on the dashboard (lower first); default 1000. */
  readonly order?: number;
  /** `wide` spans two columns (lists). */
  readonly size?: 'small' | 'wide';
  /** The card's content now; null when there is nothing to show. */
  load(input: WidgetInput): Promise<WidgetContent | null>;
}

export interface WidgetInput {
  readonly db: Kysely<FrameworkTables>;
  readonly platform: PlatformRef;
  readonly principal: Principal;
  /** On vendor dashboards: the signed-in vendor; null on the admin dashboard. */
  readonly vendorId: number | null;
  readonly t: TranslateFn;
  readonly language: Language;
  /** A site path as a link (keeps the development prefix). */
  url(path: string): string;
  /** The platform's settings (whether this is production, its public URL). */
  readonly settings: Settings;
}

export interface WidgetContent {
  readonly stats?: ReadonlyArray<{ readonly label: string; readonly value: string | number; readonly href?: string }>;
  readonly items?: ReadonlyArray<{ readonly label: string; readonly detail?: string; readonly href?: string }>;
  /** Shown when there are neither stats nor items. */
  readonly empty?: string;
  readonly link?: { readonly label: string; readonly href: string };
}

export interface LoadedWidget {
  /** `<module>/<id>`. */
  readonly key: string;
  readonly module: string;
  readonly id: string;
  /** Translated. */
  readonly title: string;
  readonly size: 'small' | 'wide';
  readonly content: WidgetContent | null;
  /** The widget threw; it was logged, and the dashboard shows the card as unavailable. */
  readonly failed: boolean;
}

const DEFAULT_ORDER = 1000;

/**
 * Loads the dashboard's cards for the signed-in user, all at once. One
 * failing widget is logged and marked `failed`; the others still show.
 *
 * @example
 * const widgets = await loadDashboardWidgets(app.wizamart, request, 'vendor');
 */
export async function loadDashboardWidgets(ctx: Pick<AppContext, 'registry' | 'modules' | 'database' | 'settings'>, request: FastifyRequest, frontend: 'admin' | 'vendor'): Promise<LoadedWidget[]> {
  const principal = request.principal;
  if (!principal) return [];
  const enabled = await ctx.modules.getEnabledModuleCodes(request.platform.code);
  const chosen: Array<{ module: string; widget: DashboardWidget; rank: number }> = [];
  for (const code of enabled) {
    const def = ctx.registry.getModule(code);
    for (const widget of def?.widgets?.[frontend] ?? []) {
      if (widget.permission && !principal.permissions.has(widget.permission)) continue;
      chosen.push({ module: code, widget, rank: widget.order ?? DEFAULT_ORDER });
    }
  }
  chosen.sort((a, b) => a.rank - b.rank);
  const urlPrefix = request.urlPrefix ?? '';
  const input: WidgetInput = {
    db: ctx.database.db,
    platform: request.platform,
    principal,
    vendorId: frontend === 'vendor' ? (principal.vendor?.id ?? null) : null,
    t: request.t,
    language: request.language,
    url: (path) => `${urlPrefix}${path}`,
    settings: ctx.settings,
  };
  return Promise.all(
    chosen.map(async ({ module, widget }) => {
      const base = { key: `${module}/${widget.id}`, module, id: widget.id, title: request.t(widget.title, { defaultValue: widget.title }), size: widget.size ?? 'small' } as const;
      try {
        return { ...base, content: await widget.load(input), failed: false };
      } catch (error) {
        request.log.error({ err: error, widget: base.key }, 'dashboard widget failed to load');
        return { ...base, content: null, failed: true };
      }
    }),
  );
}

import { VendorScope } from '../../core/database/vendor-scope.ts';
import type { DashboardWidget, WidgetContent, WidgetInput } from '../widgets.ts';
import type { TenancyTables } from './models/tenancy.model.ts';

/** How many module changes the admin card lists. */
const RECENT_CHANGES = 5;

/**
 * The admin dashboard's tenants card: platforms, companies, vendors (and
 * how many are active) over the platforms the admin administers, every one
 * for a super admin, who also sees the number of admin users. A figure
 * links to its list when the admin may open it.
 */
export const tenantsWidget: DashboardWidget = {
  id: 'tenants',
  title: 'tenancy:widgets.tenants.title',
  permission: 'tenancy.vendors.view',
  order: 10,
  size: 'wide',
  async load(input: WidgetInput): Promise<WidgetContent> {
    const db = input.db.withTables<TenancyTables>();
    const scope = input.principal.platforms ?? [];
    const superAdmin = scope === 'all';
    const codes = superAdmin ? undefined : [...scope];
    if (codes && codes.length === 0) return { empty: input.t('tenancy:widgets.tenants.empty') };
    const onPlatforms = <T extends { where: (...args: never[]) => T }>(q: T, apply: (q: T) => T): T => (codes ? apply(q) : q);
    const [platforms, vendors, companies, admins] = await Promise.all([
      onPlatforms(db.selectFrom('platforms'), (q) => q.where('code', 'in', codes!))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      onPlatforms(db.selectFrom('vendors as v').innerJoin('platforms as p', 'p.id', 'v.platform_id'), (q) => q.where('p.code', 'in', codes!))
        .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.countAll<string>().filterWhere('v.status', '=', 'active').as('active')])
        .executeTakeFirstOrThrow(),
      onPlatforms(db.selectFrom('companies as c').innerJoin('platforms as p', 'p.id', 'c.platform_id'), (q) => q.where('p.code', 'in', codes!))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      superAdmin ? db.selectFrom('admin_users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow() : Promise.resolve(undefined),
    ]);
    const may = (permission: string) => input.principal.permissions.has(permission);
    const stat = (key: string, value: string, path: string, permission: string) => ({
      label: input.t(`tenancy:widgets.tenants.${key}`),
      value: Number(value),
      ...(may(permission) ? { href: input.url(path) } : {}),
    });
    return {
      stats: [
        stat('platforms', platforms.n, '/admin/platforms', 'tenancy.platforms.view'),
        stat('companies', companies.n, '/admin/companies', 'tenancy.companies.view'),
        stat('vendors', vendors.n, '/admin/vendors', 'tenancy.vendors.view'),
        stat('active_vendors', vendors.active, '/admin/vendors?status=active', 'tenancy.vendors.view'),
        ...(admins ? [stat('admin_users', admins.n, '/admin/users', 'tenancy.users.view')] : []),
      ],
    };
  },
};

/** The admin dashboard's modules card: how many optional modules are enabled on the request's platform, and the latest changes. */
export const moduleChangesWidget: DashboardWidget = {
  id: 'module-changes',
  title: 'tenancy:widgets.modules.title',
  permission: 'tenancy.modules.view',
  order: 70,
  size: 'wide',
  async load(input: WidgetInput): Promise<WidgetContent> {
    const db = input.db.withTables<TenancyTables>();
    const platform = await db.selectFrom('platforms').select('id').where('code', '=', input.platform.code).executeTakeFirst();
    const link = { label: input.t('tenancy:widgets.modules.open'), href: input.url('/admin/modules') };
    if (!platform) return { empty: input.t('tenancy:widgets.modules.empty'), link };
    const [enabled, changes] = await Promise.all([
      db
        .selectFrom('platform_modules')
        .where('platform_id', '=', platform.id)
        .where('enabled', '=', true)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('module_audit_log')
        .where('platform_id', '=', platform.id)
        .select(['module_code', 'action', 'actor', 'created_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(RECENT_CHANGES)
        .execute(),
    ]);
    const tag = { en: 'en', de: 'de', fr: 'fr', lu: 'lb' }[input.language];
    const when = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      stats: [{ label: input.t('tenancy:widgets.modules.enabled'), value: Number(enabled.n), href: input.url('/admin/modules') }],
      items: changes.map((c) => ({
        label: input.t(`tenancy:widgets.modules.${c.action}`, { module: input.t(`${c.module_code}:name`, { defaultValue: c.module_code }) }),
        detail: `${c.actor} · ${when.format(c.created_at)}`,
      })),
      ...(changes.length === 0 ? { empty: input.t('tenancy:widgets.modules.empty') } : {}),
      link,
    };
  },
};

/**
 * The vendor dashboard's team card: members and pending invitations,
 * counted through the session vendor's scope so only its rows count.
 */
export const teamWidget: DashboardWidget = {
  id: 'team',
  title: 'tenancy:widgets.team.title',
  permission: 'tenancy.team.view',
  order: 30,
  async load(input: WidgetInput): Promise<WidgetContent | null> {
    const code = input.principal.vendor?.code;
    if (input.vendorId === null || !code) return null;
    const scope = new VendorScope(input.db.withTables<TenancyTables>(), input.vendorId);
    const [members, invitations] = await Promise.all([
      scope.selectFrom('vendor_memberships').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      scope
        .selectFrom('vendor_invitations')
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', new Date())
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const page = input.url(`/vendor/${code}/team`);
    return {
      stats: [
        { label: input.t('tenancy:widgets.team.members'), value: Number(members.n), href: page },
        { label: input.t('tenancy:widgets.team.invitations'), value: Number(invitations.n), href: page },
      ],
      link: { label: input.t('tenancy:widgets.team.open'), href: page },
    };
  },
};

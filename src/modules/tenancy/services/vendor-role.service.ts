import { sql } from 'kysely';
import type { AppContext } from '../../../core/app-context.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { VendorScope } from '../../../core/database/vendor-scope.ts';
import type { PermissionCatalog } from '../../../core/permissions.ts';
import { AppError } from '../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../exceptions/framework-errors.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';
import { isBuiltinVendorRole } from './role-permissions.ts';

/** A vendor's custom role, with how many members hold it and how many pending invitations offer it. */
export interface VendorRole {
  readonly id: number;
  readonly name: string;
  /** Stored codes, in catalog order. */
  readonly permissions: readonly string[];
  readonly members: number;
  readonly invitations: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface VendorRoleInput {
  readonly name: string;
  readonly permissions: readonly string[];
}

/** One module's vendor permissions, for the role form's checkbox groups. */
export interface PermissionGroup {
  readonly module: string;
  readonly permissions: ReadonlyArray<{ readonly code: string; readonly description: string }>;
}

export const ROLE_NAME_MAX_LENGTH = 100;

/** The permissions a vendor role may grant, grouped by module in catalog order. */
export function vendorPermissionGroups(catalog: PermissionCatalog): PermissionGroup[] {
  const groups = new Map<string, Array<{ code: string; description: string }>>();
  for (const p of catalog.forAudience('vendor')) {
    const list = groups.get(p.module) ?? [];
    list.push({ code: p.code, description: p.description });
    groups.set(p.module, list);
  }
  return [...groups].map(([module, permissions]) => ({ module, permissions }));
}

/**
 * The custom roles of one vendor's team. Every query goes through the
 * VendorScope, so a role id of another vendor is "not found", exactly like
 * an id that does not exist. A role grants only vendor-audience permissions:
 * anything else is refused when saved (and ignored when read, by
 * `grantedToVendorRole`).
 *
 * @example
 * const roles = VendorRoleService.forPrincipal(app.wizamart, request.principal);
 * await roles.create({ name: 'Packer', permissions: ['orders.view'] });
 */
export class VendorRoleService {
  readonly #scope: VendorScope<TenancyTables>;
  readonly #catalog: PermissionCatalog;

  constructor(scope: VendorScope<TenancyTables>, catalog: PermissionCatalog) {
    this.#scope = scope;
    this.#catalog = catalog;
  }

  /** The roles of the vendor the principal's session is bound to (never of a vendor named in the URL). */
  static forPrincipal(ctx: Pick<AppContext, 'database' | 'permissions'>, principal: Principal | undefined): VendorRoleService {
    const vendorId = principal?.vendor?.id;
    if (vendorId === undefined) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
    return new VendorRoleService(new VendorScope(ctx.database.db.withTables<TenancyTables>(), vendorId), ctx.permissions);
  }

  permissionGroups(): PermissionGroup[] {
    return vendorPermissionGroups(this.#catalog);
  }

  async list(): Promise<VendorRole[]> {
    return this.#load(this.#scope);
  }

  async get(id: number): Promise<VendorRole> {
    const [role] = await this.#load(this.#scope, id);
    if (!role) throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_NOT_FOUND, { role: id });
    return role;
  }

  async create(input: VendorRoleInput): Promise<VendorRole> {
    const name = this.#name(input.name);
    const permissions = this.#permissions(input.permissions);
    const id = await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      await this.#assertNameFree(scope, name);
      const row = await scope.insertInto('vendor_roles', { name, permissions: JSON.stringify(permissions) }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    });
    return this.get(id);
  }

  async update(id: number, input: Partial<VendorRoleInput>): Promise<VendorRole> {
    const name = input.name === undefined ? undefined : this.#name(input.name);
    const permissions = input.permissions === undefined ? undefined : this.#permissions(input.permissions);
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      const current = await scope.selectFrom('vendor_roles').select(['id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_NOT_FOUND, { role: id });
      if (name !== undefined && name !== current.name) await this.#assertNameFree(scope, name, id);
      await scope
        .updateTable('vendor_roles')
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(permissions !== undefined ? { permissions: JSON.stringify(permissions) } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    });
    return this.get(id);
  }

  /** Deletes a role nobody holds and no pending invitation offers (TENANCY_ROLE_IN_USE otherwise). */
  async delete(id: number): Promise<void> {
    await this.#scope.db.transaction().execute(async (trx) => {
      const scope = this.#scope.withTransaction(trx);
      const role = await scope.selectFrom('vendor_roles').select(['id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!role) throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_NOT_FOUND, { role: id });
      const [members, invitations] = await Promise.all([
        scope.selectFrom('vendor_memberships').select((eb) => eb.fn.countAll<string>().as('n')).where('role_id', '=', id).executeTakeFirstOrThrow(),
        pendingInvitations(scope).select((eb) => eb.fn.countAll<string>().as('n')).where('role_id', '=', id).executeTakeFirstOrThrow(),
      ]);
      if (Number(members.n) > 0 || Number(invitations.n) > 0) {
        throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_IN_USE, { role: role.name, members: Number(members.n), invitations: Number(invitations.n) });
      }
      // Accepted, withdrawn and expired invitations that named the role go with it (ON DELETE CASCADE).
      await scope.deleteFrom('vendor_roles').where('id', '=', id).execute();
    });
  }

  async #load(scope: VendorScope<TenancyTables>, id?: number): Promise<VendorRole[]> {
    let query = scope.selectFrom('vendor_roles').select(['id', 'name', 'permissions', 'created_at', 'updated_at']);
    if (id !== undefined) query = query.where('id', '=', id);
    const rows = await query.orderBy(sql`lower(name)`).orderBy('id').execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [members, invitations] = await Promise.all([
      scope.selectFrom('vendor_memberships').select((eb) => ['role_id', eb.fn.countAll<string>().as('n')]).where('role_id', 'in', ids).groupBy('role_id').execute(),
      pendingInvitations(scope).select((eb) => ['role_id', eb.fn.countAll<string>().as('n')]).where('role_id', 'in', ids).groupBy('role_id').execute(),
    ]);
    const count = (list: ReadonlyArray<{ role_id: number | null; n: string }>, roleId: number) => Number(list.find((c) => c.role_id === roleId)?.n ?? 0);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      permissions: r.permissions,
      members: count(members, r.id),
      invitations: count(invitations, r.id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  #name(raw: string): string {
    const name = raw.trim().replace(/\s+/g, ' ');
    // A custom role called "owner" would read, on the team page, as the built-in one.
    if (name.length === 0 || name.length > ROLE_NAME_MAX_LENGTH || isBuiltinVendorRole(name.toLowerCase())) {
      throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_NAME_INVALID, { name });
    }
    return name;
  }

  /** The chosen codes in catalog order; a code that is not a vendor permission is refused, not dropped. */
  #permissions(codes: readonly string[]): string[] {
    const allowed = this.#catalog.forAudience('vendor').map((p) => p.code);
    const chosen = new Set(codes);
    for (const code of chosen) {
      if (!allowed.includes(code)) throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_PERMISSION_UNKNOWN, { permission: code });
    }
    return allowed.filter((code) => chosen.has(code));
  }

  // Case-insensitive: "Packer" and "packer" side by side would confuse the team page.
  async #assertNameFree(scope: VendorScope<TenancyTables>, name: string, except?: number): Promise<void> {
    let query = scope.selectFrom('vendor_roles').select('id').where(sql`lower(name)`, '=', name.toLowerCase());
    if (except !== undefined) query = query.where('id', '!=', except);
    if (await query.executeTakeFirst()) throw new AppError(TENANCY_ERRORS.TENANCY_ROLE_NAME_TAKEN, { name });
  }
}

/** Invitations still waiting for an answer: not accepted, not withdrawn, not expired. */
export function pendingInvitations(scope: VendorScope<TenancyTables>) {
  return scope
    .selectFrom('vendor_invitations')
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date());
}

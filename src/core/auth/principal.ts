import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../database/tables.ts';
import type { PermissionCatalog } from '../permissions.ts';

/**
 * Who a signed-in user is. The framework issues and checks tokens for three
 * audiences; the module that owns the users answers who a session belongs
 * to (tenancy: admins and vendor staff; customers: storefront customers).
 * A token of one audience is never accepted by another.
 */
export const AUDIENCES = ['admin', 'vendor', 'customer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The vendor a principal acts for. */
export interface VendorRef {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly platform: string;
}

/** A signed-in user, as every handler sees it on `request.principal`. */
export interface Principal {
  readonly kind: 'user';
  readonly audience: Audience;
  /** `<audience>:<user id>`, e.g. `admin:3`. */
  readonly id: string;
  readonly userId: number;
  readonly sessionId: string;
  readonly email: string;
  readonly name: string;
  readonly language: string;
  /** Role code shown to people: `super_admin`, `platform_admin`, `owner`, `manager`, `staff`, or a custom role's name. */
  readonly role: string;
  /** Admins: the platforms they administer (`all` for a super admin). */
  readonly platforms?: 'all' | readonly string[];
  /** Vendor staff and customers: the vendor the session is bound to. */
  readonly vendor?: VendorRef;
  /** What the user may do on the request's platform: granted by their role, of modules enabled there. */
  readonly permissions: ReadonlySet<string>;
}

/** What the owning module returns for a session; the framework narrows `granted` to enabled modules. */
export type LoadedPrincipal = Omit<Principal, 'permissions' | 'kind' | 'id' | 'audience' | 'sessionId'> & {
  readonly granted: Iterable<string>;
};

export interface PrincipalLoaderInput {
  readonly db: Kysely<FrameworkTables>;
  readonly userId: number;
  readonly vendorId: number | null;
  /** The platform of the request. */
  readonly platform: string;
  /** Every declared permission, to expand roles such as "all vendor permissions". */
  readonly permissions: PermissionCatalog;
}

/** Loads the current state of a session's user; null when the user is gone, disabled or no longer a member. */
export type PrincipalLoader = (input: PrincipalLoaderInput) => Promise<LoadedPrincipal | null>;

/** An automation or CLI actor, recorded in audit logs. */
export interface SystemActor {
  readonly kind: 'system';
  readonly id: string;
}

export function actorOf(principal: Principal | undefined): string {
  return principal ? `${principal.id} <${principal.email}>` : 'anonymous';
}

import type { Kysely } from 'kysely';
import type { FrameworkTables } from './database/tables.ts';

/** A platform as every request sees it. */
export interface PlatformInfo {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly defaultLanguage: string;
}

/** A vendor as the platform context resolves it from a host or a path. */
export interface VendorInfo {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly status: 'active' | 'suspended';
  /** The shop's language for visitors who have not chosen one. */
  readonly defaultLanguage?: string;
}

export interface TenantMatch {
  readonly platform: PlatformInfo;
  readonly vendor?: VendorInfo;
}

/**
 * How hosts and codes map to tenants, implemented by the tenancy module
 * (declared under `provides.tenants` in its definition). The framework's
 * platform context caches the answers and drops them when the tenancy
 * module announces a change on TENANCY_CHANGED_CHANNEL.
 */
export interface TenantResolver {
  /** A vendor's custom domain, a vendor subdomain of a platform domain, or a platform domain. */
  resolveHost(input: { db: Kysely<FrameworkTables>; host: string }): Promise<TenantMatch | null>;
  platformByCode(input: { db: Kysely<FrameworkTables>; code: string }): Promise<PlatformInfo | null>;
  vendorByCode(input: { db: Kysely<FrameworkTables>; code: string }): Promise<TenantMatch | null>;
}

/** Notified (payload: what changed) whenever platforms, domains or vendors change. */
export const TENANCY_CHANGED_CHANNEL = 'wizamart_tenancy_changed';

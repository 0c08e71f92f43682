import type { Kysely } from 'kysely';
import type { FrameworkTables } from '../database/tables.ts';
import type { PrincipalLoader } from './principal.ts';

/** An account as sign-in sees it. */
export interface AccountRecord {
  readonly userId: number;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string | null;
  readonly active: boolean;
  readonly language: string;
}

/** A vendor an account could sign in to. */
export interface VendorChoice {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

export interface IdentityInput {
  readonly db: Kysely<FrameworkTables>;
  /** The request's platform (customers: the storefront's). */
  readonly platform: string;
  /** The request's vendor, when the host or path names one (storefronts). */
  readonly vendorId?: number | null;
}

/**
 * What a module that owns users implements for one audience, declared in
 * its definition under `provides.identities`. The framework does the rest
 * of authentication: password checks, throttling, tokens, sessions,
 * cookies, password reset mail.
 */
export interface IdentityProvider {
  /** The account with this (lower-cased) e-mail address, or null. */
  findByEmail(input: IdentityInput & { email: string }): Promise<AccountRecord | null>;
  /** The account by id (password change, reset). */
  findById(input: IdentityInput & { userId: number }): Promise<AccountRecord | null>;
  /**
   * Vendor-bound audiences: the vendors this account may sign in to on the
   * platform. The session is bound to one of them.
   */
  vendorsOf?(input: IdentityInput & { userId: number }): Promise<VendorChoice[]>;
  /** Who the session's user is now, with the permissions their role grants. */
  loadPrincipal: PrincipalLoader;
  setPasswordHash(input: IdentityInput & { userId: number; passwordHash: string }): Promise<void>;
  recordSignIn?(input: IdentityInput & { userId: number }): Promise<void>;
}

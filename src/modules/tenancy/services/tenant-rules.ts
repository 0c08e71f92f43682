import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Principal } from '../../../core/auth/principal.ts';
import { AppError } from '../../../exceptions/base.ts';
import { LANGUAGES, isLanguage, type Language } from '../../locales.ts';
import { TENANCY_ERRORS } from '../exceptions.ts';
import type { TenancyTables } from '../models/tenancy.model.ts';

/**
 * The rules the platform, company and vendor services share: the caller's
 * platform access, codes, names, languages and host names.
 */

/** The platforms an admin may see and change: `all` for a super admin, else the codes they administer. */
export type PlatformAccess = 'all' | readonly string[];

/** The access of the signed-in admin (none for anyone else). */
export function accessOf(principal: Principal | undefined): PlatformAccess {
  if (!principal || principal.audience !== 'admin') return [];
  return principal.platforms ?? [];
}

/** A WHERE condition keeping rows whose platform code (`column`) the access covers. */
export function withinAccess(access: PlatformAccess, column = 'p.code'): Expression<SqlBool> {
  if (access === 'all') return sql<SqlBool>`true`;
  if (access.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join([...access])})`;
}

/** An ILIKE pattern matching text that contains `search` literally (its `%` and `_` are not wildcards). */
export function containing(search: string): string {
  return `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export function covers(access: PlatformAccess, platform: string): boolean {
  return access === 'all' || access.includes(platform);
}

/** Platform and vendor codes: they appear in URLs, so lower-case letters, digits and hyphens. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Codes that would hide a page: `/admin/vendors/new`, and the vendor back office's own paths (`/vendor/login`, `/vendor/invitations/<token>`…). */
const RESERVED_CODES = new Set(['new', 'login', 'logout', 'invitations', 'forgot-password', 'reset-password', 'dashboard']);

export function checkCode(code: string): string {
  if (!CODE_PATTERN.test(code)) throw new AppError(TENANCY_ERRORS.TENANCY_INVALID_CODE, { code });
  if (RESERVED_CODES.has(code)) throw new AppError(TENANCY_ERRORS.TENANCY_RESERVED_CODE, { code });
  return code;
}

export const NAME_MAX = 200;

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > NAME_MAX) throw new AppError(TENANCY_ERRORS.TENANCY_INVALID_NAME, { max: NAME_MAX });
  return trimmed;
}

export function checkLanguage(language: string): Language {
  if (!isLanguage(language)) throw new AppError(TENANCY_ERRORS.TENANCY_INVALID_LANGUAGE, { language, supported: LANGUAGES.join(', ') });
  return language;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A host name as stored: trimmed, lower-case, without a trailing dot; at
 * least two labels and a top-level label with a letter (so not an IP
 * address). Internationalised names are written in punycode (`xn--…`).
 */
export function normalizeHostname(value: string): string {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  const valid = host.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /[a-z]/.test(labels.at(-1)!);
  if (!valid) throw new AppError(TENANCY_ERRORS.TENANCY_INVALID_DOMAIN, { domain: value.trim() });
  return host;
}

/**
 * Whether a host already names a tenant: a platform domain, a vendor's
 * custom domain, or `<subdomain>.<platform domain>` of a vendor. A host
 * must name one tenant only, or the resolver would pick one silently.
 * `exceptVendor` leaves a vendor's own addresses out (when it changes them).
 */
export async function hostTaken(db: Kysely<TenancyTables>, host: string, exceptVendor?: number): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('platform_domains').select('domain').where('domain', '=', host)).as('platform'),
      eb
        .exists(
          eb
            .selectFrom('vendors as v')
            .select('v.id')
            .where('v.custom_domain', '=', host)
            .$if(exceptVendor !== undefined, (q) => q.where('v.id', '<>', exceptVendor!)),
        )
        .as('custom'),
      eb
        .exists(
          eb
            .selectFrom('vendors as v')
            .innerJoin('platform_domains as d', 'd.platform_id', 'v.platform_id')
            .select('v.id')
            .where(sql<string>`v.subdomain || '.' || d.domain`, '=', host)
            .$if(exceptVendor !== undefined, (q) => q.where('v.id', '<>', exceptVendor!)),
        )
        .as('subdomain'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.platform || row.custom || row.subdomain);
}

import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../../../exceptions/base.ts';
import { LANGUAGES } from '../../locales.ts';
import { CUSTOMERS_ERRORS } from '../exceptions.ts';
import { CUSTOMER_STATUSES } from '../models/customer.model.ts';
import type { CrmTables, SegmentMatch } from '../models/crm.model.ts';
import { isCountryCode } from '../../../core/countries.ts';

/**
 * The rules a customer segment is made of, how they are checked, and the
 * SQL condition they become. A segment stores its rules, never its
 * members: the members are whoever matches the condition when asked, so
 * a customer tagged `vip` a second ago is in the "VIP" segment now.
 */
export const RULE_KINDS = [
  'signed_up_within_days',
  'tag_is',
  'language_is',
  'status_is',
  'email_verified',
  'marketing_opt_in',
  'has_address_in_country',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const MAX_RULES = 20;
export const MAX_RULE_DAYS = 3650;
/** A tag: lower-case letters, digits, `-` and `_`, 1 to 32 characters (the same as a customer's tags). */
export const TAG_PATTERN = '^[a-z0-9][a-z0-9_-]{0,31}$';
export const TAG_MAX_LENGTH = 32;

const Flag = Type.Boolean({ description: 'true: the customer has it; false: the customer has not' });

/** One schema per kind; the rule union the API documents is made of them. */
export const RULE_SCHEMAS = {
  signed_up_within_days: Type.Object(
    { kind: Type.Literal('signed_up_within_days'), days: Type.Integer({ minimum: 1, maximum: MAX_RULE_DAYS, description: 'Signed up within the last N days' }) },
    { additionalProperties: false },
  ),
  tag_is: Type.Object({ kind: Type.Literal('tag_is'), tag: Type.String({ pattern: TAG_PATTERN }) }, { additionalProperties: false }),
  language_is: Type.Object({ kind: Type.Literal('language_is'), language: Type.Enum([...LANGUAGES]) }, { additionalProperties: false }),
  status_is: Type.Object({ kind: Type.Literal('status_is'), status: Type.Enum([...CUSTOMER_STATUSES]) }, { additionalProperties: false }),
  email_verified: Type.Object({ kind: Type.Literal('email_verified'), value: Flag }, { additionalProperties: false }),
  marketing_opt_in: Type.Object({ kind: Type.Literal('marketing_opt_in'), value: Flag }, { additionalProperties: false }),
  has_address_in_country: Type.Object(
    { kind: Type.Literal('has_address_in_country'), country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code' }) },
    { additionalProperties: false },
  ),
} as const satisfies Record<RuleKind, TSchema>;

export const SegmentRuleSchema = Type.Union([
  RULE_SCHEMAS.signed_up_within_days,
  RULE_SCHEMAS.tag_is,
  RULE_SCHEMAS.language_is,
  RULE_SCHEMAS.status_is,
  RULE_SCHEMAS.email_verified,
  RULE_SCHEMAS.marketing_opt_in,
  RULE_SCHEMAS.has_address_in_country,
]);
export type SegmentRule = Static<typeof SegmentRuleSchema>;

/** What a rule of each kind expects, language-neutral (it is shown inside a translated message). */
const EXPECTED: Readonly<Record<RuleKind, string>> = {
  signed_up_within_days: `days = 1…${MAX_RULE_DAYS}`,
  tag_is: `tag = a-z 0-9 - _ (1…${TAG_MAX_LENGTH})`,
  language_is: `language = ${LANGUAGES.join(' | ')}`,
  status_is: `status = ${CUSTOMER_STATUSES.join(' | ')}`,
  email_verified: 'value = true | false',
  marketing_opt_in: 'value = true | false',
  has_address_in_country: 'country = ISO 3166-1 alpha-2 (LU, DE, FR, BE …)',
};

function isRuleKind(value: unknown): value is RuleKind {
  return typeof value === 'string' && (RULE_KINDS as readonly string[]).includes(value);
}

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** The rule's own fields, with the spellings people use normalised (tag lower-case, country upper-case, "30" days). */
function normalised(kind: RuleKind, raw: Record<string, unknown>): Record<string, unknown> {
  switch (kind) {
    case 'signed_up_within_days': {
      const days = typeof raw.days === 'string' && /^\d{1,6}$/.test(raw.days.trim()) ? Number(raw.days.trim()) : raw.days;
      return { kind, days };
    }
    case 'tag_is':
      return { kind, tag: typeof raw.tag === 'string' ? raw.tag.trim().toLowerCase() : raw.tag };
    case 'language_is':
      return { kind, language: typeof raw.language === 'string' ? raw.language.trim().toLowerCase() : raw.language };
    case 'status_is':
      return { kind, status: typeof raw.status === 'string' ? raw.status.trim().toLowerCase() : raw.status };
    case 'email_verified':
    case 'marketing_opt_in': {
      const value = trimmed(raw.value);
      return { kind, value: value === 'true' ? true : value === 'false' ? false : value === undefined ? true : value };
    }
    case 'has_address_in_country':
      return { kind, country: typeof raw.country === 'string' ? raw.country.trim().toUpperCase() : raw.country };
  }
}

/**
 * Checks a segment's rules, as given by the API or the rule builder form,
 * and returns them normalised. The first bad rule is refused with
 * CUSTOMERS_SEGMENT_RULE_INVALID naming its position, its kind and what
 * it expects; no rules, or too many, is CUSTOMERS_SEGMENT_RULES_INVALID.
 */
export function checkRules(raw: readonly unknown[]): SegmentRule[] {
  if (raw.length === 0 || raw.length > MAX_RULES) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_RULES_INVALID, { max: MAX_RULES });
  return raw.map((item, index) => {
    const record = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    const kind = record.kind;
    if (!isRuleKind(kind)) {
      throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_RULE_INVALID, {
        position: index + 1,
        kind: typeof kind === 'string' ? kind.slice(0, 40) : '?',
        expected: `kind = ${RULE_KINDS.join(' | ')}`,
      });
    }
    const rule = normalised(kind, record);
    const knownCountry = kind !== 'has_address_in_country' || isCountryCode(String(rule.country));
    const valid = knownCountry && Value.Check(RULE_SCHEMAS[kind], rule);
    if (!valid) throw new AppError(CUSTOMERS_ERRORS.CUSTOMERS_SEGMENT_RULE_INVALID, { position: index + 1, kind, expected: EXPECTED[kind] });
    return rule as SegmentRule;
  });
}

/**
 * Rules read back from the database. They were checked on save; a row
 * edited by hand into something unreadable matches nobody rather than
 * everybody (or failing every page that counts members).
 */
export function storedRules(value: unknown): SegmentRule[] | null {
  if (!Array.isArray(value)) return null;
  try {
    return checkRules(value);
  } catch {
    return null;
  }
}

/** One rule as a condition on `customers`. */
export function ruleCondition(eb: ExpressionBuilder<CrmTables, 'customers'>, rule: SegmentRule): Expression<SqlBool> {
  switch (rule.kind) {
    case 'signed_up_within_days':
      return eb('customers.created_at', '>=', sql<Date>`now() - make_interval(days => ${rule.days})`);
    case 'tag_is':
      // Uses the GIN index on tags (jsonb_path_ops supports @>).
      return sql<SqlBool>`customers.tags @> ${JSON.stringify([rule.tag])}::jsonb`;
    case 'language_is':
      return eb('customers.language', '=', rule.language);
    case 'status_is':
      return eb('customers.status', '=', rule.status);
    case 'email_verified':
      return eb('customers.email_verified_at', rule.value ? 'is not' : 'is', null);
    case 'marketing_opt_in':
      return eb('customers.marketing_opt_in', '=', rule.value);
    case 'has_address_in_country':
      // The address's vendor is compared too: an address row can never pull in another vendor's customer.
      return eb.exists(
        eb
          .selectFrom('customer_addresses')
          .select(sql`1`.as('one'))
          .whereRef('customer_addresses.customer_id', '=', 'customers.id')
          .whereRef('customer_addresses.vendor_id', '=', 'customers.vendor_id')
          .where('customer_addresses.country', '=', rule.country),
      );
  }
}

/** A segment as one condition: all of its rules, or any of them. Unreadable rules match nobody. */
export function segmentCondition(eb: ExpressionBuilder<CrmTables, 'customers'>, segment: { readonly match: SegmentMatch; readonly rules: readonly SegmentRule[] | null }): Expression<SqlBool> {
  if (!segment.rules || segment.rules.length === 0) return sql<SqlBool>`false`;
  const conditions = segment.rules.map((rule) => ruleCondition(eb, rule));
  return segment.match === 'any' ? eb.or(conditions) : eb.and(conditions);
}

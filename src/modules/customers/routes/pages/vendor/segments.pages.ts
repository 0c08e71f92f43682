import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, redirectWithNotice } from '../../../../../api/forms.ts';
import { LANGUAGE_INFO } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { filterParams, sortOfQuery } from '../../../services/customer-list.filters.ts';
import { countryOptions } from '../../../../../core/countries.ts';
import { MAX_RULES, MAX_RULE_DAYS, RULE_KINDS, type SegmentRule } from '../../../services/segment-rules.ts';
import { SegmentService, type Segment } from '../../../services/segment.service.ts';
import {
  ItemParams,
  LooseQuery,
  SEGMENTS_MANAGE,
  VIEW,
  VendorParams,
  basePath,
  customerRow,
  pageError,
  pageHelpers,
  pageNumber,
  pager,
  type PageError,
} from './crm-pages.helpers.ts';

/** One row of the rule builder, as typed: every value field is there, the kind says which one counts. */
export interface RuleRow {
  readonly kind: string;
  readonly days: string;
  readonly tag: string;
  readonly language: string;
  readonly status: string;
  readonly flag: string;
  readonly country: string;
}

export interface SegmentForm {
  readonly name: string;
  readonly description: string;
  readonly match: string;
  readonly rows: readonly RuleRow[];
}

const EMPTY_ROW: RuleRow = { kind: '', days: '30', tag: '', language: 'en', status: 'active', flag: 'true', country: 'LU' };
/** Rows a form shows beyond the rules it has: without JavaScript, these are how a rule is added. */
const SPARE_ROWS = 2;
const MIN_ROWS = 3;

/** The rule builder's fields, `rule_<n>_<field>`: a plain form (no JavaScript needed) with a fixed number of rows. */
export function segmentFormOf(body: unknown): SegmentForm {
  const rows: RuleRow[] = [];
  for (let i = 0; i < MAX_RULES; i += 1) {
    const get = (name: string) => field(body, `rule_${i}_${name}`);
    rows.push({ kind: get('kind'), days: get('days'), tag: get('tag'), language: get('language'), status: get('status'), flag: get('flag'), country: get('country') });
  }
  return { name: field(body, 'name'), description: field(body, 'description'), match: field(body, 'match') || 'all', rows: rows.filter((row) => row.kind !== '') };
}

/** A row as the raw rule the service checks (rows with no kind are unused and dropped before). */
export function ruleOfRow(row: RuleRow): Record<string, unknown> {
  switch (row.kind) {
    case 'signed_up_within_days':
      return { kind: row.kind, days: row.days };
    case 'tag_is':
      return { kind: row.kind, tag: row.tag };
    case 'language_is':
      return { kind: row.kind, language: row.language };
    case 'status_is':
      return { kind: row.kind, status: row.status };
    case 'email_verified':
    case 'marketing_opt_in':
      return { kind: row.kind, value: row.flag };
    case 'has_address_in_country':
      return { kind: row.kind, country: row.country };
    default:
      return { kind: row.kind };
  }
}

function rowOfRule(rule: SegmentRule): RuleRow {
  switch (rule.kind) {
    case 'signed_up_within_days':
      return { ...EMPTY_ROW, kind: rule.kind, days: String(rule.days) };
    case 'tag_is':
      return { ...EMPTY_ROW, kind: rule.kind, tag: rule.tag };
    case 'language_is':
      return { ...EMPTY_ROW, kind: rule.kind, language: rule.language };
    case 'status_is':
      return { ...EMPTY_ROW, kind: rule.kind, status: rule.status };
    case 'email_verified':
    case 'marketing_opt_in':
      return { ...EMPTY_ROW, kind: rule.kind, flag: String(rule.value) };
    case 'has_address_in_country':
      return { ...EMPTY_ROW, kind: rule.kind, country: rule.country };
  }
}

export function formOfSegment(segment: Segment): SegmentForm {
  return { name: segment.name, description: segment.description ?? '', match: segment.match, rows: (segment.rules ?? []).map(rowOfRule) };
}

/** The rows the form shows: the rules, then empty ones to add more. */
function displayRows(form: SegmentForm): RuleRow[] {
  const rows = [...form.rows];
  const count = Math.min(MAX_RULES, Math.max(MIN_ROWS, rows.length + SPARE_ROWS));
  while (rows.length < count) rows.push(EMPTY_ROW);
  return rows;
}

/**
 * The segment pages under `/vendor/<code>/customers/segments`: the list
 * (with member counts), the rule builder to create and edit, and each
 * segment's members with the customer list's paging. Seeing needs
 * `customers.view`; creating, changing and deleting
 * `customers.segments.manage`.
 */
export async function segmentPages(r: RouterInstance): Promise<void> {
  const ctx = r.wizamart;
  const segments = (request: FastifyRequest) => SegmentService.forPrincipal(ctx, request.principal);
  const segmentsPath = (request: FastifyRequest) => `${basePath(request)}/segments`;
  const crumbs = (request: FastifyRequest, ...rest: Array<{ label: string; path?: string }>) => [
    { label: request.t('customers:crm.list.title'), path: `${request.urlPrefix}${basePath(request)}` },
    { label: request.t('customers:segments.title'), ...(rest.length > 0 ? { path: `${request.urlPrefix}${segmentsPath(request)}` } : {}) },
    ...rest,
  ];

  function builder(request: FastifyRequest, form: SegmentForm, error: PageError | undefined) {
    const t = request.t;
    // The rule the service named (its position among the filled rows) is marked on the form.
    const badPosition = typeof error?.params?.position === 'number' ? error.params.position : undefined;
    return {
      form,
      // The kind goes into an Alpine expression: only the known ones are written back (an unknown one shows as "no rule", and stays marked).
      rows: displayRows(form).map((row, i) => ({
        ...row,
        kind: (RULE_KINDS as readonly string[]).includes(row.kind) ? row.kind : '',
        index: i,
        invalid: badPosition === i + 1,
      })),
      kindOptions: RULE_KINDS.map((kind) => ({ value: kind, label: t(`customers:segments.kinds.${kind}`) })),
      countries: countryOptions(LANGUAGE_INFO[request.language].tag),
      shownRows: Math.max(form.rows.length, 1),
      maxRules: MAX_RULES,
      maxDays: MAX_RULE_DAYS,
      error: error?.message,
    };
  }

  /** A rule in words, for the list and the segment page. */
  function describeRule(request: FastifyRequest, rule: SegmentRule, helpers: ReturnType<typeof pageHelpers>): string {
    const t = request.t;
    switch (rule.kind) {
      case 'signed_up_within_days':
        return t('customers:segments.describe.signed_up_within_days', { count: rule.days });
      case 'tag_is':
        return t('customers:segments.describe.tag_is', { tag: rule.tag });
      case 'language_is':
        return t('customers:segments.describe.language_is', { language: helpers.languageName(rule.language) });
      case 'status_is':
        return t('customers:segments.describe.status_is', { status: t(`customers:crm.status.${rule.status}`) });
      case 'email_verified':
        return t(`customers:segments.describe.email_verified_${String(rule.value)}`);
      case 'marketing_opt_in':
        return t(`customers:segments.describe.marketing_opt_in_${String(rule.value)}`);
      case 'has_address_in_country':
        return t('customers:segments.describe.has_address_in_country', { country: helpers.countryName(rule.country) });
    }
  }

  const describe = (request: FastifyRequest, segment: Segment, helpers: ReturnType<typeof pageHelpers>) =>
    segment.rules ? segment.rules.map((rule) => describeRule(request, rule, helpers)) : [request.t('customers:segments.unreadable')];

  // ------------------------------------------------------------------ list

  r.get('/:vendor_code/customers/segments', { config: VIEW, schema: { params: VendorParams } }, async (request, reply) => {
    const helpers = pageHelpers(request);
    const list = await segments(request).list();
    return reply.view('customers/vendor/segments/list.njk', {
      ...helpers,
      segments: list.map((s) => ({
        ...s,
        url: `${request.urlPrefix}${segmentsPath(request)}/${s.id}`,
        customersUrl: `${request.urlPrefix}${basePath(request)}?segment=${s.id}`,
        described: describe(request, s, helpers),
      })),
      breadcrumbs: crumbs(request),
    });
  });

  // ------------------------------------------------------------------ create

  function renderNew(request: FastifyRequest, reply: FastifyReply, form: SegmentForm, error?: PageError) {
    if (error) reply.status(error.status);
    return reply.view('customers/vendor/segments/edit.njk', {
      ...pageHelpers(request),
      ...builder(request, form, error),
      segment: null,
      action: segmentsPath(request),
      breadcrumbs: crumbs(request, { label: request.t('customers:segments.new') }),
    });
  }

  r.get('/:vendor_code/customers/segments/new', { config: SEGMENTS_MANAGE, schema: { params: VendorParams } }, async (request, reply) =>
    renderNew(request, reply, { name: '', description: '', match: 'all', rows: [{ ...EMPTY_ROW, kind: 'signed_up_within_days' }] }),
  );

  r.post('/:vendor_code/customers/segments', { config: SEGMENTS_MANAGE, schema: { params: VendorParams } }, async (request, reply) => {
    const form = segmentFormOf(request.body);
    let created: Segment;
    try {
      created = await segments(request).create({ name: form.name, description: form.description, match: form.match, rules: form.rows.map(ruleOfRow) });
    } catch (error) {
      return renderNew(request, reply, form, pageError(request, error));
    }
    return redirectWithNotice(request, reply, `${segmentsPath(request)}/${created.id}`, 'created');
  });

  // ------------------------------------------------------------------ one segment: rules and members

  async function renderSegment(request: FastifyRequest, reply: FastifyReply, id: number, extra: { form?: SegmentForm; error?: PageError; deleteError?: PageError } = {}) {
    const service = segments(request);
    const query = request.query as Record<string, unknown>;
    const sort = sortOfQuery(query.sort);
    const [found, members] = await Promise.all([service.get(id), service.members(id, { page: pageNumber(query), sort })]);
    const segment = { ...found, memberCount: members.total };
    const status = extra.error?.status ?? extra.deleteError?.status;
    if (status) reply.status(status);
    const helpers = pageHelpers(request);
    const path = `${segmentsPath(request)}/${segment.id}`;
    return reply.view('customers/vendor/segments/edit.njk', {
      ...helpers,
      ...builder(request, extra.form ?? formOfSegment(segment), extra.error),
      segment: { ...segment, described: describe(request, segment, helpers) },
      action: path,
      members: members.customers.map((c) => customerRow(request, c)),
      pager: pager(request, path, filterParams({}, sort), members),
      customersUrl: `${basePath(request)}?segment=${segment.id}`,
      exportUrl: `${basePath(request)}/export.csv?segment=${segment.id}`,
      deleteError: extra.deleteError?.message,
      breadcrumbs: crumbs(request, { label: segment.name }),
    });
  }

  r.get('/:vendor_code/customers/segments/:id', { config: VIEW, schema: { params: ItemParams, querystring: LooseQuery } }, async (request, reply) =>
    renderSegment(request, reply, request.params.id),
  );

  r.post('/:vendor_code/customers/segments/:id', { config: SEGMENTS_MANAGE, schema: { params: ItemParams } }, async (request, reply) => {
    const form = segmentFormOf(request.body);
    try {
      await segments(request).update(request.params.id, { name: form.name, description: form.description, match: form.match, rules: form.rows.map(ruleOfRow) });
    } catch (error) {
      const refused = pageError(request, error);
      if (refused.status === 404) throw error;
      return renderSegment(request, reply, request.params.id, { form, error: refused });
    }
    return redirectWithNotice(request, reply, `${segmentsPath(request)}/${request.params.id}`, 'saved');
  });

  r.post('/:vendor_code/customers/segments/:id/delete', { config: SEGMENTS_MANAGE, schema: { params: ItemParams } }, async (request, reply) => {
    await segments(request).delete(request.params.id);
    return redirectWithNotice(request, reply, segmentsPath(request), 'deleted');
  });
}

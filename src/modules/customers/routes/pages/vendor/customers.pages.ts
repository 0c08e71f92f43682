import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, redirectWithNotice } from '../../../../../api/forms.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { filterParams, filtersOfQuery, isFiltered, queryString, sortOfQuery } from '../../../services/customer-list.filters.ts';
import { CustomerListService, MAX_TAGS } from '../../../services/customer-list.service.ts';
import { CustomerNotesService, NOTE_MAX_LENGTH } from '../../../services/customer-notes.service.ts';
import { SegmentService } from '../../../services/segment.service.ts';
import { TAG_MAX_LENGTH, TAG_PATTERN } from '../../../services/segment-rules.ts';
import { authorOf, sendExport } from '../../api/vendor.ts';
import {
  EXPORT,
  ItemParams,
  LooseQuery,
  MANAGE,
  NoteItemParams,
  VIEW,
  VendorParams,
  basePath,
  customerRow,
  filterForm,
  pageError,
  pageHelpers,
  pageNumber,
  redirectToSection,
  pager,
  type PageError,
} from './crm-pages.helpers.ts';

type DetailErrors = { tags?: PageError; notes?: PageError; status?: PageError };
type DetailForm = { tags?: string; note?: string };

/**
 * The customer list (`/vendor/<code>/customers`: search, filters, sort,
 * 25 a page, CSV export of what is shown) and one customer's page
 * (profile, addresses, tags, notes, status, segments). Seeing needs
 * `customers.view`; tags, notes and status need `customers.manage`.
 */
export async function customerPages(r: RouterInstance): Promise<void> {
  const ctx = r.wizamart;
  const customers = (request: FastifyRequest) => CustomerListService.forPrincipal(ctx, request.principal);
  const notes = (request: FastifyRequest) => CustomerNotesService.forPrincipal(ctx, request.principal);
  const segments = (request: FastifyRequest) => SegmentService.forPrincipal(ctx, request.principal);
  const listCrumb = (request: FastifyRequest) => ({ label: request.t('customers:crm.list.title'), path: `${request.urlPrefix}${basePath(request)}` });

  r.get('/:vendor_code/customers', { config: VIEW, schema: { params: VendorParams, querystring: LooseQuery } }, async (request, reply) => {
    const filters = filtersOfQuery(request.query);
    const sort = sortOfQuery(request.query.sort);
    const service = customers(request);
    const [result, allSegments, tagNames] = await Promise.all([
      service.list(filters, { page: pageNumber(request.query), sort }),
      segments(request).names(),
      service.tagNames(),
    ]);
    const params = filterParams(filters, sort);
    const exportParams = filterParams(filters);
    const activeSegment = filters.segment ? allSegments.find((s) => s.id === filters.segment) : undefined;
    return reply.view('customers/vendor/list.njk', {
      ...pageHelpers(request),
      customers: result.customers.map((c) => customerRow(request, c)),
      pager: pager(request, basePath(request), params, result),
      filters: filterForm(filters, sort),
      filtered: isFiltered(filters),
      segments: allSegments.map((s) => ({ id: s.id, name: s.name })),
      activeSegment,
      tagNames,
      exportUrl: `${basePath(request)}/export.csv${queryString(exportParams)}`,
      // Column headers sort by their column; a second click reverses it.
      sortLinks: {
        name: `${basePath(request)}${queryString({ ...filterParams(filters), sort: sort === 'name' ? 'name_desc' : 'name' })}`,
        signedUp: `${basePath(request)}${queryString({ ...filterParams(filters), ...(sort === 'newest' ? { sort: 'oldest' } : {}) })}`,
      },
      sortState: { name: sort === 'name' ? 'ascending' : sort === 'name_desc' ? 'descending' : 'none', signedUp: sort === 'newest' ? 'descending' : sort === 'oldest' ? 'ascending' : 'none' },
      breadcrumbs: [{ label: request.t('customers:crm.list.title') }],
    });
  });

  r.get('/:vendor_code/customers/export.csv', { config: EXPORT, schema: { params: VendorParams, querystring: LooseQuery } }, async (request, reply) => {
    // A foreign or deleted segment is the 404 page, not a broken download: the export resolves its filters before sending.
    return sendExport(request, reply, customers(request), filtersOfQuery(request.query));
  });

  async function renderDetail(request: FastifyRequest, reply: FastifyReply, id: number, extra: { errors?: DetailErrors; form?: DetailForm } = {}) {
    const errors = extra.errors ?? {};
    const status = errors.tags?.status ?? errors.notes?.status ?? errors.status?.status;
    const [customer, customerNotes, inSegments] = await Promise.all([customers(request).get(id), notes(request).list(id), segments(request).segmentsOf(id)]);
    if (status) reply.status(status);
    const me = request.principal!.userId;
    return reply.view('customers/vendor/detail.njk', {
      ...pageHelpers(request),
      customer,
      notes: customerNotes.map((n) => ({ ...n, mine: n.authorId === me })),
      segments: inSegments.map((s) => ({ id: s.id, name: s.name, url: `${request.urlPrefix}${basePath(request)}/segments/${s.id}` })),
      errors: { tags: errors.tags?.message, notes: errors.notes?.message, status: errors.status?.message },
      form: { tags: extra.form?.tags ?? '', note: extra.form?.note ?? '' },
      limits: { tags: MAX_TAGS, tagLength: TAG_MAX_LENGTH, tagPattern: TAG_PATTERN.replace(/^\^|\$$/g, ''), note: NOTE_MAX_LENGTH },
      breadcrumbs: [listCrumb(request), { label: customer.name }],
    });
  }

  r.get('/:vendor_code/customers/:id', { config: VIEW, schema: { params: ItemParams } }, async (request, reply) => renderDetail(request, reply, request.params.id));

  const detailPath = (request: FastifyRequest, id: number) => `${basePath(request)}/${id}`;

  r.post('/:vendor_code/customers/:id/tags', { config: MANAGE, schema: { params: ItemParams } }, async (request, reply) => {
    const input = field(request.body, 'tags');
    try {
      await customers(request).addTags(request.params.id, input);
    } catch (error) {
      return renderDetail(request, reply, request.params.id, { errors: { tags: pageError(request, error) }, form: { tags: input } });
    }
    return redirectToSection(request, reply, detailPath(request, request.params.id), 'saved', 'tags');
  });

  r.post('/:vendor_code/customers/:id/tags/remove', { config: MANAGE, schema: { params: ItemParams } }, async (request, reply) => {
    await customers(request).removeTag(request.params.id, field(request.body, 'tag'));
    return redirectToSection(request, reply, detailPath(request, request.params.id), 'removed', 'tags');
  });

  r.post('/:vendor_code/customers/:id/status', { config: MANAGE, schema: { params: ItemParams } }, async (request, reply) => {
    const status = field(request.body, 'status') === 'disabled' ? 'disabled' : 'active';
    await customers(request).setStatus(request.params.id, status);
    return redirectWithNotice(request, reply, detailPath(request, request.params.id), 'saved');
  });

  r.post('/:vendor_code/customers/:id/notes', { config: MANAGE, schema: { params: ItemParams } }, async (request, reply) => {
    // Not `field`: a note keeps its line breaks and inner spacing.
    const raw = (request.body as Record<string, unknown> | undefined)?.body;
    const body = typeof raw === 'string' ? raw : '';
    try {
      await notes(request).add(request.params.id, authorOf(request), body);
    } catch (error) {
      return renderDetail(request, reply, request.params.id, { errors: { notes: pageError(request, error) }, form: { note: body } });
    }
    return redirectToSection(request, reply, detailPath(request, request.params.id), 'created', 'notes');
  });

  r.post('/:vendor_code/customers/:id/notes/:note_id/delete', { config: MANAGE, schema: { params: NoteItemParams } }, async (request, reply) => {
    try {
      await notes(request).delete(request.params.id, request.params.note_id, authorOf(request));
    } catch (error) {
      const refused = pageError(request, error);
      if (refused.status === 404) throw error;
      return renderDetail(request, reply, request.params.id, { errors: { notes: refused } });
    }
    return redirectToSection(request, reply, detailPath(request, request.params.id), 'deleted', 'notes');
  });
}

import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../../../api/schemas.ts';
import { AppError } from '../../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../../exceptions/framework-errors.ts';
import { defineRouter } from '../../../routes.ts';
import {
  CustomerDetailBody,
  CustomerExportQuery,
  CustomerListQuery,
  CustomerPageBody,
  CustomerParams,
  MembersQuery,
  NoteBody,
  NoteCreateBody,
  NoteListBody,
  NoteParams,
  SegmentBody,
  SegmentListBody,
  SegmentParams,
  SegmentWriteBody,
  StatusBody,
  TagsBody,
  filtersOf,
  pageOf,
  segmentInputOf,
  toDetailBody,
  toNoteBody,
  toPageBody,
  toSegmentBody,
} from '../../schemas/crm.schema.ts';
import { exportCustomersCsv } from '../../services/customer-export.service.ts';
import { CustomerListService } from '../../services/customer-list.service.ts';
import { CustomerNotesService, type NoteAuthor } from '../../services/customer-notes.service.ts';
import { SegmentService } from '../../services/segment.service.ts';

const security = [{ bearerAuth: [] }];
const view = { permission: 'customers.view' };
const manage = { permission: 'customers.manage' };
const exporting = { permission: 'customers.export' };
const segmentsManage = { permission: 'customers.segments.manage' };
const tags = ['customers'];

/** The file name of an export: the vendor and the day, so that successive exports do not overwrite each other. */
export function exportFileName(vendorCode: string, now = new Date()): string {
  return `customers-${vendorCode}-${now.toISOString().slice(0, 10)}.csv`;
}

export function authorOf(request: FastifyRequest): NoteAuthor {
  const principal = request.principal;
  if (!principal) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
  return { id: principal.userId, name: principal.name };
}

/** Sends the CSV stream as a download; the caller checked the permission. */
export async function sendExport(request: FastifyRequest, reply: FastifyReply, customers: CustomerListService, filters: Parameters<typeof exportCustomersCsv>[1]) {
  const csv = await exportCustomersCsv(customers, filters);
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${exportFileName(request.principal!.vendor!.code)}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}

/**
 * The vendor's customers at `/api/v1/vendor/customers`: the list with its
 * filters, one customer (with addresses and segments), tags, status,
 * notes, the CSV export, and segments with their members. Every handler
 * works on the vendor of the caller's session, never on one named in the
 * request: another vendor's customer, note or segment id answers 404.
 */
export const router = defineRouter(async (r) => {
  const ctx = r.wizamart;
  const customers = (request: FastifyRequest) => CustomerListService.forPrincipal(ctx, request.principal);
  const notes = (request: FastifyRequest) => CustomerNotesService.forPrincipal(ctx, request.principal);
  const segments = (request: FastifyRequest) => SegmentService.forPrincipal(ctx, request.principal);
  const detail = async (request: FastifyRequest, id: number) => {
    const [customer, inSegments] = await Promise.all([customers(request).get(id), segments(request).segmentsOf(id)]);
    return toDetailBody(customer, inSegments);
  };

  r.get(
    '',
    {
      config: view,
      schema: { tags, summary: "The vendor's customers, filtered, sorted and paged (25 a page by default)", security, querystring: CustomerListQuery, response: { 200: CustomerPageBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toPageBody(await customers(request).list(filtersOf(request.query), pageOf(request.query))),
  );

  r.get(
    '/export.csv',
    {
      config: exporting,
      schema: {
        tags,
        summary: 'The customers matching the filters as CSV (UTF-8, English header row; cells a spreadsheet would run as a formula start with \')',
        security,
        querystring: CustomerExportQuery,
        produces: ['text/csv'],
        response: { 200: { description: 'The CSV file, streamed', content: { 'text/csv': { schema: Type.String() } } }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => sendExport(request, reply, customers(request), filtersOf(request.query)),
  );

  // ------------------------------------------------------------------ segments (before /:id, for readers)

  r.get(
    '/segments',
    { config: view, schema: { tags, summary: "The vendor's segments by name, with their member counts", security, response: { 200: SegmentListBody, ...errorResponses(401, 403) } } },
    async (request) => ({ segments: (await segments(request).list()).map(toSegmentBody) }),
  );

  r.post(
    '/segments',
    {
      config: segmentsManage,
      schema: { tags, summary: 'Create a segment from rules', security, body: SegmentWriteBody, response: { 201: SegmentBody, ...errorResponses(400, 401, 403, 409) } },
    },
    async (request, reply) => reply.status(201).send(toSegmentBody(await segments(request).create(segmentInputOf(request.body)))),
  );

  r.get(
    '/segments/:id',
    { config: view, schema: { tags, summary: 'One segment with its member count', security, params: SegmentParams, response: { 200: SegmentBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => toSegmentBody(await segments(request).getWithCount(request.params.id)),
  );

  r.put(
    '/segments/:id',
    {
      config: segmentsManage,
      schema: { tags, summary: "Replace a segment's name, description, match and rules", security, params: SegmentParams, body: SegmentWriteBody, response: { 200: SegmentBody, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => toSegmentBody(await segments(request).update(request.params.id, segmentInputOf(request.body))),
  );

  r.delete(
    '/segments/:id',
    { config: segmentsManage, schema: { tags, summary: 'Delete a segment (its customers stay)', security, params: SegmentParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      await segments(request).delete(request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/segments/:id/members',
    {
      config: view,
      schema: { tags, summary: "The segment's members now, paged like the customer list", security, params: SegmentParams, querystring: MembersQuery, response: { 200: CustomerPageBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => toPageBody(await segments(request).members(request.params.id, pageOf(request.query))),
  );

  // ------------------------------------------------------------------ one customer

  r.get(
    '/:id',
    { config: view, schema: { tags, summary: 'One customer with addresses and the segments they are in', security, params: CustomerParams, response: { 200: CustomerDetailBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => detail(request, request.params.id),
  );

  r.put(
    '/:id/tags',
    {
      config: manage,
      schema: { tags, summary: "Replace the customer's tags (lower-cased; at most 20)", security, params: CustomerParams, body: TagsBody, response: { 200: CustomerDetailBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      await customers(request).setTags(request.params.id, request.body.tags);
      return detail(request, request.params.id);
    },
  );

  r.put(
    '/:id/status',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Enable or disable the account; a disabled customer cannot sign in and is signed out',
        security,
        params: CustomerParams,
        body: StatusBody,
        response: { 200: CustomerDetailBody, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await customers(request).setStatus(request.params.id, request.body.status);
      return detail(request, request.params.id);
    },
  );

  r.get(
    '/:id/notes',
    { config: view, schema: { tags, summary: "The customer's notes, newest first", security, params: CustomerParams, response: { 200: NoteListBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => ({ notes: (await notes(request).list(request.params.id)).map(toNoteBody) }),
  );

  r.post(
    '/:id/notes',
    {
      config: manage,
      schema: { tags, summary: 'Add a note (plain text, 1 to 4000 characters)', security, params: CustomerParams, body: NoteCreateBody, response: { 201: NoteBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(201).send(toNoteBody(await notes(request).add(request.params.id, authorOf(request), request.body.body))),
  );

  r.delete(
    '/:id/notes/:note_id',
    { config: manage, schema: { tags, summary: 'Delete one of your own notes', security, params: NoteParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      await notes(request).delete(request.params.id, request.params.note_id, authorOf(request));
      return reply.status(204).send(null);
    },
  );
});

import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../../../api/schemas.ts';
import { signInRateLimit } from '../../../../middleware/auth.ts';
import { defineRouter } from '../../../routes.ts';
import {
  AddressBody,
  AddressCreateBody,
  AddressListBody,
  AddressParams,
  AddressUpdateBody,
  CustomerBody,
  DeleteAccountBody,
  ExportBody,
  ProfileUpdateBody,
  RegisterBody,
  addressChangesOf,
  addressInputOf,
  toAddressBody,
  toCustomerBody,
} from '../../schemas/account.schema.ts';
import { AddressService } from '../../services/address.service.ts';
import { sendVerificationMail } from '../../services/customer-account-mail.ts';
import { CustomerAccountService } from '../../services/customer-account.service.ts';
import { exportFileName, GdprService } from '../../services/gdpr.service.ts';
import { Type } from 'typebox';

const security = [{ bearerAuth: [] }];
const tags = ['customers'];
const signedIn = { signIn: 'required' as const };

/**
 * The storefront customer API at `/api/v1/storefront/customers`, on a
 * shop's host. Registration is open; everything under `/me` needs the
 * bearer token of a customer of this shop (sign-in itself is the
 * framework's `/api/v1/storefront/auth/login`). A customer only ever
 * reaches their own data: another customer's address id is 404.
 */
export const router = defineRouter(async (r) => {
  const ctx = r.wizamart;
  const accounts = (request: FastifyRequest) => CustomerAccountService.forPrincipal(ctx, request.principal);
  const addresses = (request: FastifyRequest) => AddressService.forPrincipal(ctx, request.principal);
  const me = (request: FastifyRequest) => request.principal!.userId;

  r.post(
    '/register',
    {
      config: signInRateLimit(ctx.settings),
      schema: {
        tags,
        summary: 'Create a customer account at this shop; a mail asks to confirm the address',
        description: 'The same e-mail address may have an account at each shop; at the same shop it is 409 CUSTOMERS_EMAIL_TAKEN. Sign in afterwards with /api/v1/storefront/auth/login.',
        body: RegisterBody,
        response: { 201: CustomerBody, ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const customer = await CustomerAccountService.forVendor(ctx, request.vendor?.id).register({
        email: body.email,
        name: body.name,
        password: body.password,
        language: body.language,
        marketingOptIn: body.marketing_opt_in,
      });
      await sendVerificationMail(ctx, request, customer);
      return reply.status(201).send(toCustomerBody(customer));
    },
  );

  r.get('/me', { config: signedIn, schema: { tags, summary: "The signed-in customer's profile", security, response: { 200: CustomerBody, ...errorResponses(401) } } }, async (request) =>
    toCustomerBody(await accounts(request).get(me(request))),
  );

  r.patch(
    '/me',
    { config: signedIn, schema: { tags, summary: 'Change name, phone, language or marketing consent', security, body: ProfileUpdateBody, response: { 200: CustomerBody, ...errorResponses(400, 401) } } },
    async (request) => {
      const b = request.body;
      return toCustomerBody(await accounts(request).updateProfile(me(request), { name: b.name, phone: b.phone, language: b.language, marketingOptIn: b.marketing_opt_in }));
    },
  );

  r.delete(
    '/me',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Delete the account and everything stored about the customer (final)',
        description: 'Needs the current password (403 CUSTOMERS_PASSWORD_INCORRECT otherwise). Every session of the customer ends.',
        security,
        body: DeleteAccountBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await new GdprService(ctx, request.principal).deleteAccount(request.body.password);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/me/verification',
    { config: { ...signedIn, ...signInRateLimit(ctx.settings) }, schema: { tags, summary: 'Send the e-mail confirmation link again', security, response: { 202: Type.Object({ sent: Type.Boolean() }), ...errorResponses(401) } } },
    async (request, reply) => {
      const customer = await accounts(request).get(me(request));
      if (!customer.emailVerified) await sendVerificationMail(ctx, request, customer);
      return reply.status(202).send({ sent: !customer.emailVerified });
    },
  );

  r.get(
    '/me/export',
    { config: signedIn, schema: { tags, summary: 'Download everything the shop stores about the customer (GDPR)', security, response: { 200: ExportBody, ...errorResponses(401) } } },
    async (request, reply) => {
      const data = await new GdprService(ctx, request.principal).export();
      reply.header('content-disposition', `attachment; filename="${exportFileName(data)}"`);
      reply.header('cache-control', 'no-store');
      return {
        format: data.format,
        exported_at: data.exportedAt,
        shop: data.shop,
        profile: toCustomerBody(data.profile),
        addresses: data.addresses.map(toAddressBody),
        tags: [...data.tags],
        notes: data.notes.map((n) => ({ body: n.body, created_at: n.createdAt.toISOString() })),
        sessions: data.sessions.map((s) => ({ created_at: s.createdAt.toISOString(), last_used_at: s.lastUsedAt.toISOString(), ip: s.ip, user_agent: s.userAgent })),
      };
    },
  );

  r.get('/me/addresses', { config: signedIn, schema: { tags, summary: "The customer's addresses, defaults first", security, response: { 200: AddressListBody, ...errorResponses(401) } } }, async (request) => ({
    addresses: (await addresses(request).list()).map(toAddressBody),
  }));

  r.post(
    '/me/addresses',
    {
      config: signedIn,
      schema: { tags, summary: 'Add an address; the first becomes the default shipping and billing address', security, body: AddressCreateBody, response: { 201: AddressBody, ...errorResponses(400, 401) } },
    },
    async (request, reply) => reply.status(201).send(toAddressBody(await addresses(request).create(addressInputOf(request.body)))),
  );

  r.get(
    '/me/addresses/:id',
    { config: signedIn, schema: { tags, summary: 'One address', security, params: AddressParams, response: { 200: AddressBody, ...errorResponses(400, 401, 404) } } },
    async (request) => toAddressBody(await addresses(request).get(request.params.id)),
  );

  r.patch(
    '/me/addresses/:id',
    {
      config: signedIn,
      schema: { tags, summary: 'Change an address or make it a default', security, params: AddressParams, body: AddressUpdateBody, response: { 200: AddressBody, ...errorResponses(400, 401, 404) } },
    },
    async (request) => toAddressBody(await addresses(request).update(request.params.id, addressChangesOf(request.body))),
  );

  r.delete(
    '/me/addresses/:id',
    {
      config: signedIn,
      schema: { tags, summary: 'Delete an address; a default it held passes to the oldest address left', security, params: AddressParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 404) } },
    },
    async (request, reply) => {
      await addresses(request).delete(request.params.id);
      return reply.status(204).send(null);
    },
  );
});

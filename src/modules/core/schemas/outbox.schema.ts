import { Type, type Static } from 'typebox';

/** `GET /admin/outbox`: recipient filter, page, and (for admins of several platforms) the platform. */
export const OutboxListQuery = Type.Object({
  to: Type.Optional(Type.String({ maxLength: 320 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  platform: Type.Optional(Type.String({ pattern: '^$|^[a-z0-9][a-z0-9-]{0,63}$' })),
});
export type OutboxListQuery = Static<typeof OutboxListQuery>;

/** `GET /admin/outbox/:id`. */
export const OutboxMailParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
export type OutboxMailParams = Static<typeof OutboxMailParams>;

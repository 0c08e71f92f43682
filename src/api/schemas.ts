import { Type, type TSchema } from 'typebox';

/** The error body every failing route answers with (see `src/exceptions/error-handler.ts`). */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code, e.g. MODULE_NOT_FOUND' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: undefined, description: 'Error' },
);

/** Standard error responses to spread into a route's `response` schema. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
}

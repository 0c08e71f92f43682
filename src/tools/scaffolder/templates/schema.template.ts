import type { ScaffoldContext } from '../scaffold-context.ts';

/** `schemas/<code>.schema.ts`: request and response schemas, each beside its inferred type. */
export function renderSchema(c: ScaffoldContext): string {
  const p = c.pascal;
  return `import { Type, type Static } from 'typebox';

export const ${p}ItemSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ${p}Item = Static<typeof ${p}ItemSchema>;

export const ${p}ItemListSchema = Type.Object({ items: Type.Array(${p}ItemSchema) });
export type ${p}ItemList = Static<typeof ${p}ItemListSchema>;

export const Create${p}ItemSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\\\S' }) },
  { additionalProperties: false },
);
export type Create${p}Item = Static<typeof Create${p}ItemSchema>;

export const ${p}ItemParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1 }) });
`;
}

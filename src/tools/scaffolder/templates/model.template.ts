import type { ScaffoldContext } from '../scaffold-context.ts';

/** `models/<code>-item.model.ts`: the types of the table the first migration creates. */
export function renderModel(c: ScaffoldContext): string {
  return `import type { ColumnType, Generated, Selectable } from 'kysely';

/** A row of \`${c.table}\` (created by ${c.migrationFile.replace(/\.ts$/, '')}). */
export interface ${c.pascal}ItemsTable {
  id: Generated<number>;
  /** The platform the item belongs to: every query is scoped by it. */
  platform_code: string;
  name: string;
  created_at: ColumnType<Date, never, never>;
}

/**
 * The tables this module owns, for \`db.withTables<${c.pascal}Tables>()\`.
 * A type alias, not an interface: withTables needs a type with an implicit index signature.
 */
export type ${c.pascal}Tables = {
  ${c.table}: ${c.pascal}ItemsTable;
};

export type ${c.pascal}ItemRow = Selectable<${c.pascal}ItemsTable>;
`;
}

import type { ScaffoldContext } from '../scaffold-context.ts';

/** `config.ts`: settings read once from `<CODE>_*` variables by loadModuleConfig. */
export function renderConfig(c: ScaffoldContext): string {
  return `import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '${c.importFrom('', 'config')}';

/** Settings of the ${c.code} module, read from ${c.constant}_* variables. */
export const configSchema = Type.Object(
  {
    /**
     * How many items a list shows (${c.constant}_PAGE_SIZE).
     * @default 50
     */
    pageSize: Type.Integer({ default: 50, minimum: 1, maximum: 500, description: 'Items per list (${c.constant}_PAGE_SIZE).' }),
  },
  { additionalProperties: false },
);

export type ${c.pascal}Config = Static<typeof configSchema>;

export const config = loadModuleConfig('${c.code}', configSchema);
`;
}

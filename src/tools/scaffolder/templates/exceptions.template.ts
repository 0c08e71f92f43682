import type { ScaffoldContext } from '../scaffold-context.ts';

/** `exceptions.ts`: the module's error codes, mapped to HTTP by the framework's error handler. */
export function renderExceptions(c: ScaffoldContext): string {
  return `import { defineErrors } from '${c.importFrom('', 'errors')}';

/** Errors raised by the ${c.code} module; translated under \`${c.code}:errors.<CODE>\`. */
export const ${c.constant}_ERRORS = defineErrors({
  ${c.constant}_ITEM_NOT_FOUND: { category: 'NOT_FOUND', message: 'Item {id} does not exist.' },
  ${c.constant}_ITEM_NAME_TAKEN: { category: 'CONFLICT', message: 'An item named "{name}" already exists.' },
});
`;
}

import type { ScaffoldContext } from '../scaffold-context.ts';

/** `index.ts`: the module's public edge, the only file other modules may import. */
export function renderIndex(c: ScaffoldContext): string {
  return `// The ${c.code} module's public edge: other modules import from here only,
// and list '${c.code}' in their requires.
export { ${c.constant}_ERRORS } from './exceptions.ts';
export { ${c.pascal}Service } from './services/${c.code}.service.ts';
export type { ${c.pascal}Item } from './schemas/${c.code}.schema.ts';
`;
}

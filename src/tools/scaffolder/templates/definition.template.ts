import { literal, type ScaffoldContext } from '../scaffold-context.ts';

/** `definition.ts`: the module's declaration, found by discovery because the file exists. */
export function renderDefinition(c: ScaffoldContext): string {
  const menu = c.frontends
    .map((f) => `    ${f}: [{ id: '${c.code}', label: '${c.code}:menu.${c.code}', path: '/${c.code}', icon: 'package' }],`)
    .join('\n');
  return `import { defineModule } from '${c.importFrom('', 'base')}';

/**
 * ${c.name}: ${c.description}
 * Discovery (src/modules/discovery.ts) finds this module because this file
 * exists; nothing else registers it.
 */
export const definition = defineModule({
  code: '${c.code}',
  name: ${literal(c.name)},
  description: ${literal(c.description)},
  version: '0.1.0',
  isCore: ${c.tier === 'core'},
  isInternal: ${c.tier === 'internal'},
  requires: [${c.requires.map(literal).join(', ')}],
  menuItems: {
${menu}
  },
  isSelfContained: true,
  servicesPath: 'services',
  modelsPath: 'models',
  schemasPath: 'schemas',
  exceptionsPath: 'exceptions.ts',
  templatesPath: 'templates',
  localesPath: 'locales',
});
`;
}

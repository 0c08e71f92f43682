import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'dev-tools',
  name: 'Developer Tools',
  description: 'Component library and icon browser.',
  version: '1.0.0',
  isCore: false,
  isInternal: true,
  requires: [],
  features: ['component_library', 'icon_browser'],
  menuItems: {
    admin: [
      { id: 'components', label: 'dev-tools:menu.components', path: '/dev-tools/components', icon: 'layout', order: 10 },
      { id: 'icons', label: 'dev-tools:menu.icons', path: '/dev-tools/icons', icon: 'shapes', order: 20 },
    ],
  },
  permissions: [{ code: 'dev-tools.view', description: 'See the component library and the icon browser.', scope: 'admin' }],
  templatesPath: 'templates',
  localesPath: 'locales',
});

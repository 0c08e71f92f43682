import { defineModule } from '../base.ts';
import { storefrontViewContext } from './services/storefront-store.ts';
import { mailOutboxWidget, storefrontWidget, storeSettingsWidget } from './widgets.ts';

export const definition = defineModule({
  code: 'core',
  name: 'Core',
  description: 'Dashboard, settings and user profile: basic platform operation.',
  version: '1.0.0',
  isCore: true,
  isInternal: false,
  requires: [],
  features: ['dashboard', 'settings', 'profile'],
  menuItems: {
    admin: [
      { id: 'dashboard', icon: 'dashboard', label: 'core:menu.dashboard', path: '/dashboard', permission: 'core.dashboard.view', order: 10 },
      { id: 'settings', icon: 'settings', label: 'core:menu.settings', path: '/settings', permission: 'core.settings.view', order: 900 },
      { id: 'outbox', icon: 'inbox', label: 'core:menu.outbox', path: '/outbox', permission: 'core.outbox.view', order: 950 },
      { id: 'profile', icon: 'user', label: 'core:menu.profile', path: '/profile', order: 990 },
    ],
    vendor: [
      { id: 'dashboard', icon: 'dashboard', label: 'core:menu.dashboard', path: '/dashboard', permission: 'core.dashboard.view', order: 10 },
      { id: 'settings', icon: 'settings', label: 'core:menu.settings', path: '/settings', permission: 'core.settings.view', order: 900 },
      { id: 'profile', icon: 'user', label: 'core:menu.profile', path: '/profile', order: 990 },
    ],
  },
  permissions: [
    { code: 'core.dashboard.view', description: 'View the dashboard' },
    { code: 'core.settings.view', description: 'View settings' },
    { code: 'core.settings.manage', description: 'Change settings' },
    { code: 'core.outbox.view', description: 'Read the mail outbox', scope: 'admin' },
  ],
  events: [{ name: 'core.settings.updated', description: 'A platform or vendor setting was changed' }],
  widgets: { admin: [mailOutboxWidget], vendor: [storefrontWidget, storeSettingsWidget] },
  // `site.core.store` on every storefront page: the shop's name, contact, address and hours.
  viewContext: { storefront: storefrontViewContext },
});

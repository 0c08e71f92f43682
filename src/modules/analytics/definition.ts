import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'analytics',
  name: 'Analytics & Reporting',
  description: 'Dashboard analytics, custom reports and data exports.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
  features: ['basic_reports', 'analytics_dashboard', 'custom_reports'],
  menuItems: {
    // The admin side shows analytics on the dashboard, as the specification has it.
    admin: [],
    vendor: [{ id: 'analytics', icon: 'chart-bar', label: 'analytics:menu.analytics', path: '/analytics', permission: 'analytics.view', order: 90 }],
  },
  // Not self-contained yet: routes, services and models arrive with the module's first feature.
  isSelfContained: false,
  permissions: [
    { code: 'analytics.view', description: 'View dashboards and reports' },
    { code: 'analytics.reports.manage', description: 'Create and edit custom reports' },
    { code: 'analytics.export', description: 'Export report data' },
  ],
  events: [{ name: 'analytics.export.completed', description: 'A report export is ready to download' }],
});

import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'billing',
  name: 'Billing',
  description: 'Platform subscriptions and vendor invoices.',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: ['payments'],
});

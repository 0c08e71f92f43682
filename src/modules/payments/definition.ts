import { defineModule } from '../base.ts';

export const definition = defineModule({
  code: 'payments',
  name: 'Payments',
  description: 'Payment gateway integrations (Stripe, PayPal, etc.).',
  version: '1.0.0',
  isCore: false,
  isInternal: false,
  requires: [],
});

import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the billing module; translated under `billing:errors.<CODE>`. */
export const BILLING_ERRORS = defineErrors({
  BILLING_PLAN_NOT_FOUND: { category: 'NOT_FOUND', message: 'Subscription plan "{plan}" does not exist.' },
  BILLING_SUBSCRIPTION_NOT_FOUND: { category: 'NOT_FOUND', message: 'Vendor "{vendor}" has no subscription.' },
  BILLING_SUBSCRIPTION_ALREADY_ACTIVE: {
    category: 'CONFLICT',
    message: 'Vendor "{vendor}" already has an active subscription.',
  },
  BILLING_INVOICE_NOT_FOUND: { category: 'NOT_FOUND', message: 'Invoice "{invoice}" does not exist.' },
});

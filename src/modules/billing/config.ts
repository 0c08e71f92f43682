import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the billing module, read from `BILLING_*` variables. */
export const configSchema = Type.Object(
  {
    /** @default 14 */
    trialDays: Type.Integer({
      default: 14,
      minimum: 0,
      maximum: 365,
      description: 'Free trial of a new subscription, in days; 0 for none (BILLING_TRIAL_DAYS).',
    }),
    /** @default 30 */
    invoiceDueDays: Type.Integer({
      default: 30,
      minimum: 0,
      maximum: 120,
      description: 'Days between issuing a vendor invoice and its due date (BILLING_INVOICE_DUE_DAYS).',
    }),
  },
  { additionalProperties: false },
);

export type BillingConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('billing', configSchema);

import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the checkout module, read from `CHECKOUT_*` variables. */
export const configSchema = Type.Object(
  {
    /**
     * Items are reserved while the customer pays; past this the checkout
     * expires and the stock is released for other customers.
     * @default 15
     */
    reservationMinutes: Type.Integer({
      default: 15,
      minimum: 1,
      maximum: 120,
      description: 'Minutes a checkout holds its items before it expires (CHECKOUT_RESERVATION_MINUTES).',
    }),
  },
  { additionalProperties: false },
);

export type CheckoutConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('checkout', configSchema);

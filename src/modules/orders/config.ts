import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the orders module, read from `ORDERS_*` variables. */
export const configSchema = Type.Object(
  {
    /** @default 'ORD-' */
    numberPrefix: Type.String({
      default: 'ORD-',
      pattern: '^[A-Z0-9][A-Z0-9-]{0,9}$',
      description: 'Prefix of order numbers, e.g. ORD-000123: capitals, digits and hyphens (ORDERS_NUMBER_PREFIX).',
    }),
  },
  { additionalProperties: false },
);

export type OrdersConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('orders', configSchema);

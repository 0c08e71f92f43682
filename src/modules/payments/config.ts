import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** ISO 4217 codes of the currencies the platform can charge in. */
export const SUPPORTED_CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD'] as const;

/**
 * Settings of the payments module, read from `PAYMENTS_*` variables.
 *
 * @example
 * PAYMENTS_DEFAULT_CURRENCY=CHF PAYMENTS_CAPTURE_MODE=manual npm start
 */
export const configSchema = Type.Object(
  {
    /** @default 'EUR' */
    defaultCurrency: Type.Union(
      SUPPORTED_CURRENCIES.map((c) => Type.Literal(c)),
      { default: 'EUR', description: 'ISO 4217 currency of a vendor with none set (PAYMENTS_DEFAULT_CURRENCY).' },
    ),
    /**
     * `automatic` captures at authorisation; `manual` only authorises and the
     * order is captured when it ships.
     * @default 'automatic'
     */
    captureMode: Type.Union([Type.Literal('automatic'), Type.Literal('manual')], {
      default: 'automatic',
      description: 'When an authorised payment is captured (PAYMENTS_CAPTURE_MODE).',
    }),
  },
  { additionalProperties: false },
);

export type PaymentsConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('payments', configSchema);

import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/**
 * Settings of the Letzshop integration, read from `MARKETPLACE_*` variables.
 *
 * @example
 * MARKETPLACE_API_TIMEOUT=60 MARKETPLACE_BATCH_SIZE=500 npm start
 */
export const configSchema = Type.Object(
  {
    /** @default 'https://letzshop.lu/graphql' */
    apiUrl: Type.String({
      default: 'https://letzshop.lu/graphql',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      description: 'Letzshop GraphQL API endpoint (MARKETPLACE_API_URL).',
    }),
    /** @default 30 */
    apiTimeout: Type.Integer({
      default: 30,
      minimum: 1,
      maximum: 300,
      description: 'Timeout of one Letzshop API call, in seconds (MARKETPLACE_API_TIMEOUT).',
    }),
    /** @default 100 */
    batchSize: Type.Integer({
      default: 100,
      minimum: 1,
      maximum: 1000,
      description: 'Orders or products handled per import or export batch (MARKETPLACE_BATCH_SIZE).',
    }),
    /** @default 3 */
    maxRetries: Type.Integer({
      default: 3,
      minimum: 0,
      maximum: 10,
      description: 'Retries of a failed Letzshop API call before the job fails (MARKETPLACE_MAX_RETRIES).',
    }),
  },
  { additionalProperties: false },
);

export type MarketplaceConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('marketplace', configSchema);

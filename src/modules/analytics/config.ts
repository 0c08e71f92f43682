import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the analytics module, read from `ANALYTICS_*` variables. */
export const configSchema = Type.Object(
  {
    /**
     * Bounds the cost of one report query; longer periods are refused with
     * ANALYTICS_RANGE_TOO_LARGE.
     * @default 366
     */
    maxRangeDays: Type.Integer({
      default: 366,
      minimum: 1,
      maximum: 3660,
      description: 'Longest period one report can cover, in days (ANALYTICS_MAX_RANGE_DAYS).',
    }),
  },
  { additionalProperties: false },
);

export type AnalyticsConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('analytics', configSchema);

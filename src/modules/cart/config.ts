import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the cart module, read from `CART_*` variables. */
export const configSchema = Type.Object(
  {
    /** @default 72 */
    sessionTtlHours: Type.Integer({
      default: 72,
      minimum: 1,
      maximum: 720,
      description: "Hours a guest's session cart is kept after its last change (CART_SESSION_TTL_HOURS).",
    }),
    /** @default 100 */
    maxLines: Type.Integer({
      default: 100,
      minimum: 1,
      maximum: 1000,
      description: 'Most different products one cart can hold (CART_MAX_LINES).',
    }),
  },
  { additionalProperties: false },
);

export type CartConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('cart', configSchema);

import { Type, type Static } from 'typebox';
import { loadModuleConfig } from '../config.ts';

/** Settings of the inventory module, read from `INVENTORY_*` variables. */
export const configSchema = Type.Object(
  {
    /**
     * Threshold of a product that sets none of its own; reaching it emits
     * `inventory.stock_low`.
     * @default 5
     */
    lowStockThreshold: Type.Integer({
      default: 5,
      minimum: 0,
      maximum: 100000,
      description: 'Default low-stock threshold, in units (INVENTORY_LOW_STOCK_THRESHOLD).',
    }),
  },
  { additionalProperties: false },
);

export type InventoryConfig = Static<typeof configSchema>;

export const config = loadModuleConfig('inventory', configSchema);

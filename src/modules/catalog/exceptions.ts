import { defineErrors } from '../../exceptions/base.ts';

/** Errors raised by the catalog module; translated under `catalog:errors.<CODE>`. */
export const CATALOG_ERRORS = defineErrors({
  CATALOG_PRODUCT_NOT_FOUND: { category: 'NOT_FOUND', message: 'Product "{product}" does not exist.' },
  CATALOG_CATEGORY_NOT_FOUND: { category: 'NOT_FOUND', message: 'Category "{category}" does not exist.' },
  CATALOG_SKU_TAKEN: { category: 'CONFLICT', message: 'A product with the SKU "{sku}" already exists.' },
  CATALOG_CATEGORY_NOT_EMPTY: {
    category: 'CONFLICT',
    message: 'Category "{category}" still contains products or sub-categories.',
  },
});

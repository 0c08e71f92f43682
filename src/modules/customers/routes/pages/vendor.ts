import { defineRouter } from '../../../routes.ts';
import { customerPages } from './vendor/customers.pages.ts';
import { segmentPages } from './vendor/segments.pages.ts';

/**
 * The customers pages of the vendor back office: the customer list and
 * each customer, the CSV export, and the segments. The vendor is always
 * the session's: the code in the URL is only checked against it (403
 * otherwise), and another vendor's customer, note or segment id is 404.
 * Each part is its own file.
 */
export const router = defineRouter(async (r) => {
  await segmentPages(r);
  await customerPages(r);
});

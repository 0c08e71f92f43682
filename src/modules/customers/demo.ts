import { hashPassword } from '../../core/auth/passwords.ts';
import { defineDemoData, type DemoRecord } from '../../core/demo-data.ts';
import { VendorScope } from '../../core/database/vendor-scope.ts';
import type { CrmTables } from './models/crm.model.ts';
import { SegmentService } from './services/segment.service.ts';

/**
 * Demo customers of the two demo shops: different languages, a few `vip`
 * tags, some who signed up in the last days (for the "new customers"
 * segment), addresses in Luxembourg and around. The same e-mail address is
 * a customer of both shops, as two separate accounts.
 *
 * One customer signs in with a known password (`DEMO_CUSTOMER`, listed in
 * the README's demo table only); the others have no password yet and
 * would choose one through "forgot your password".
 */
export const DEMO_CUSTOMER = { vendor: 'luxe-boutique', email: 'sophie.weber@example.lu', password: 'luxe-customer-demo' } as const;

interface DemoAddress {
  label: string;
  line1: string;
  postal_code: string;
  city: string;
  country?: string;
  company?: string;
}

interface DemoCustomer {
  email: string;
  name: string;
  language: 'en' | 'de' | 'fr' | 'lu';
  tags: string[];
  daysAgo: number;
  verified: boolean;
  marketing: boolean;
  phone?: string;
  addresses: DemoAddress[];
}

const CUSTOMERS: Record<string, DemoCustomer[]> = {
  'luxe-boutique': [
    {
      email: DEMO_CUSTOMER.email,
      name: 'Sophie Weber',
      language: 'de',
      tags: ['vip'],
      daysAgo: 210,
      verified: true,
      marketing: true,
      phone: '+352 621 555 010',
      addresses: [
        { label: 'Home', line1: '14 rue de la Gare', postal_code: 'L-1611', city: 'Luxembourg' },
        { label: 'Office', company: 'Weber Conseil S.à r.l.', line1: '2 avenue John F. Kennedy', postal_code: 'L-1855', city: 'Luxembourg' },
      ],
    },
    { email: 'julien.martin@example.fr', name: 'Julien Martin', language: 'fr', tags: [], daysAgo: 4, verified: false, marketing: false, addresses: [{ label: 'Maison', line1: '8 rue Serpenoise', postal_code: '57000', city: 'Metz', country: 'FR' }] },
    { email: 'anna.schmit@example.lu', name: 'Anna Schmit', language: 'lu', tags: ['vip', 'newsletter'], daysAgo: 12, verified: true, marketing: true, addresses: [{ label: 'Doheem', line1: '27 Grand-Rue', postal_code: 'L-9530', city: 'Wiltz' }] },
    { email: 'tom.becker@example.com', name: 'Tom Becker', language: 'en', tags: ['wholesale'], daysAgo: 95, verified: true, marketing: false, addresses: [] },
  ],
  'atelier-moselle': [
    // The same person as at Luxe Boutique: a separate account, without a password here.
    { email: DEMO_CUSTOMER.email, name: 'Sophie Weber', language: 'de', tags: [], daysAgo: 30, verified: false, marketing: false, addresses: [{ label: 'Home', line1: '14 rue de la Gare', postal_code: 'L-1611', city: 'Luxembourg' }] },
    { email: 'claire.dubois@example.be', name: 'Claire Dubois', language: 'fr', tags: ['vip'], daysAgo: 2, verified: true, marketing: true, addresses: [{ label: 'Domicile', line1: '3 rue des Tanneurs', postal_code: '6700', city: 'Arlon', country: 'BE' }] },
    { email: 'luc.hoffmann@example.lu', name: 'Luc Hoffmann', language: 'lu', tags: [], daysAgo: 45, verified: true, marketing: false, addresses: [{ label: 'Doheem', line1: '5 route du Vin', postal_code: 'L-5401', city: 'Ahn' }] },
    { email: 'emma.wilson@example.co.uk', name: 'Emma Wilson', language: 'en', tags: ['newsletter'], daysAgo: 20, verified: false, marketing: true, addresses: [] },
  ],
};

const DAY_MS = 24 * 60 * 60 * 1000;

type VendorTables = CrmTables & { vendors: { id: number; code: string } };

/** Every demo shop's segments: its best customers, and its newest. */
const DEMO_SEGMENTS = [
  { name: 'VIP', description: 'Customers tagged vip', match: 'all', rules: [{ kind: 'tag_is', tag: 'vip' }] },
  { name: 'New this month', description: 'Signed up in the last 30 days', match: 'all', rules: [{ kind: 'signed_up_within_days', days: 30 }] },
] as const;

export const demo = defineDemoData(async (ctx) => {
  const db = ctx.db.withTables<VendorTables>();
  const created: Array<Omit<DemoRecord, 'source'>> = [];
  const vendors = await db.selectFrom('vendors').select(['id', 'code']).where('code', 'in', Object.keys(CUSTOMERS)).execute();
  // Printed with the other demo sign-ins, whether created now or on an earlier run.
  if (vendors.some((v) => v.code === DEMO_CUSTOMER.vendor)) {
    ctx.credentials.customers = [...(ctx.credentials.customers ?? []), { vendor: DEMO_CUSTOMER.vendor, email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }];
  }
  for (const vendor of vendors) {
    for (const spec of CUSTOMERS[vendor.code] ?? []) {
      const exists = await db.selectFrom('customers').select('id').where('vendor_id', '=', vendor.id).where('email', '=', spec.email).executeTakeFirst();
      if (exists) continue;
      const known = vendor.code === DEMO_CUSTOMER.vendor && spec.email === DEMO_CUSTOMER.email;
      const signedUp = new Date(Date.now() - spec.daysAgo * DAY_MS);
      const row = await db
        .insertInto('customers')
        .values({
          vendor_id: vendor.id,
          email: spec.email,
          name: spec.name,
          phone: spec.phone ?? null,
          language: spec.language,
          password_hash: known ? await hashPassword(DEMO_CUSTOMER.password) : null,
          email_verified_at: spec.verified ? new Date(signedUp.getTime() + 60 * 60 * 1000) : null,
          marketing_opt_in: spec.marketing,
          tags: JSON.stringify(spec.tags),
          created_at: signedUp,
        })
        .onConflict((oc) => oc.constraint('customers_vendor_email_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      // Another process created it since the look-up.
      if (!row) continue;
      created.push({ kind: 'customer', key: `${vendor.code}:${spec.email}`, platform: ctx.platform });
      for (const [index, address] of spec.addresses.entries()) {
        await db
          .insertInto('customer_addresses')
          .values({
            vendor_id: vendor.id,
            customer_id: row.id,
            label: address.label,
            name: spec.name,
            company: address.company ?? null,
            line1: address.line1,
            postal_code: address.postal_code,
            city: address.city,
            country: address.country ?? 'LU',
            is_default_shipping: index === 0,
            is_default_billing: index === 0,
          })
          .execute();
      }
    }
    for (const segment of DEMO_SEGMENTS) {
      const exists = await db.selectFrom('customer_segments').select('id').where('vendor_id', '=', vendor.id).where('name', '=', segment.name).executeTakeFirst();
      if (exists) continue;
      await new SegmentService(new VendorScope(ctx.db.withTables<CrmTables>(), vendor.id)).create(segment);
      created.push({ kind: 'customer_segment', key: `${vendor.code}:${segment.name}`, platform: ctx.platform });
    }
  }
  return created;
});

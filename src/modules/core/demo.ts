import { defineDemoData, type DemoRecord } from '../../core/demo-data.ts';
import type { OpeningHours } from './models/settings.model.ts';
import { settingsDb } from './services/settings.tables.ts';

/**
 * The demo shops' store settings and the demo platform's settings:
 * Luxembourg addresses, VAT numbers with valid check digits, languages
 * and opening hours. Only missing rows are created, so settings changed
 * in the demo stay as they are. The vendors come from tenancy's demo
 * data; a run before they exist creates nothing here.
 */

const open = (from: string, to: string) => ({ closed: false, open: from, close: to }) as const;
const closed = { closed: true } as const;

const STORES: ReadonlyArray<{
  code: string;
  contactEmail: string;
  phone: string;
  address: { line1: string; line2: string | null; postalCode: string; city: string };
  vatNumber: string;
  languages: string[];
  defaultLanguage: string;
  hours: OpeningHours;
}> = [
  {
    code: 'luxe-boutique',
    contactEmail: 'hello@luxe-boutique.lu',
    phone: '+352 26 20 15 40',
    address: { line1: '24, Grand-Rue', line2: null, postalCode: 'L-1660', city: 'Luxembourg' },
    vatNumber: 'LU26487107',
    languages: ['en', 'de', 'fr', 'lu'],
    defaultLanguage: 'fr',
    hours: { mon: open('12:00', '18:30'), tue: open('10:00', '18:30'), wed: open('10:00', '18:30'), thu: open('10:00', '19:30'), fri: open('10:00', '18:30'), sat: open('09:30', '17:00'), sun: closed },
  },
  {
    code: 'atelier-moselle',
    contactEmail: 'atelier@atelier-moselle.lu',
    phone: '+352 23 69 84 12',
    address: { line1: '5, Esplanade', line2: 'Am Haff', postalCode: 'L-5533', city: 'Remich' },
    vatNumber: 'LU30145209',
    languages: ['de', 'fr', 'lu'],
    defaultLanguage: 'lu',
    hours: { mon: closed, tue: open('10:00', '18:00'), wed: open('10:00', '18:00'), thu: open('10:00', '18:00'), fri: open('10:00', '18:00'), sat: open('10:00', '17:00'), sun: open('14:00', '18:00') },
  },
];

const PLATFORM = {
  legalName: 'Wizamart S.à r.l.',
  supportEmail: 'support@wizamart.lu',
  supportPhone: '+352 20 30 40 50',
  address: { line1: '2, place de Paris', postalCode: 'L-2314', city: 'Luxembourg' },
  vatNumber: 'LU15027442',
};

export const demo = defineDemoData(async (ctx) => {
  const db = settingsDb(ctx.db);
  const created: Array<Omit<DemoRecord, 'source'>> = [];

  const platform = await db.selectFrom('platforms').select('id').where('code', '=', ctx.platform).executeTakeFirst();
  if (platform) {
    const row = await db
      .insertInto('core_platform_settings')
      .values({
        platform_id: platform.id,
        legal_name: PLATFORM.legalName,
        support_email: PLATFORM.supportEmail,
        support_phone: PLATFORM.supportPhone,
        address_line1: PLATFORM.address.line1,
        postal_code: PLATFORM.address.postalCode,
        city: PLATFORM.address.city,
        country: 'LU',
        vat_number: PLATFORM.vatNumber,
        languages: JSON.stringify(['en', 'de', 'fr', 'lu']),
        default_language: 'en',
      })
      .onConflict((oc) => oc.column('platform_id').doNothing())
      .returning('platform_id')
      .executeTakeFirst();
    if (row) created.push({ kind: 'platform settings', key: ctx.platform, platform: ctx.platform });
  }

  for (const store of STORES) {
    const vendor = await db.selectFrom('vendors').select('id').where('code', '=', store.code).executeTakeFirst();
    if (!vendor) continue;
    // Not through a VendorScope: the demo acts for every shop at once, by code.
    const row = await db
      .insertInto('core_vendor_settings')
      .values({
        vendor_id: vendor.id,
        contact_email: store.contactEmail,
        phone: store.phone,
        address_line1: store.address.line1,
        address_line2: store.address.line2,
        postal_code: store.address.postalCode,
        city: store.address.city,
        country: 'LU',
        vat_number: store.vatNumber,
        languages: JSON.stringify(store.languages),
        default_language: store.defaultLanguage,
        opening_hours: JSON.stringify(store.hours),
      })
      .onConflict((oc) => oc.column('vendor_id').doNothing())
      .returning('vendor_id')
      .executeTakeFirst();
    if (row) {
      await db.updateTable('vendors').set({ default_language: store.defaultLanguage }).where('id', '=', vendor.id).execute();
      created.push({ kind: 'store settings', key: store.code, platform: ctx.platform });
    }
  }
  return created;
});

import { sql } from 'kysely';
import { defineDemoData, type DemoRecord } from '../../core/demo-data.ts';
import type { Language } from '../locales.ts';
import { demoThemes } from './demo-themes.ts';
import type { CmsPagesTables } from './models/page.model.ts';
import type { PageSection } from './schemas/page-section.schema.ts';
import { CMS_PAGES_CHANGED_CHANNEL } from './services/page-cache.service.ts';
import type { TranslationInput } from './services/page-input.service.ts';
import { PageService } from './services/page.service.ts';

/**
 * The demo's content pages: the platform's five default pages in the four
 * languages (every shop shows them in its footer), and for Luxe Boutique a
 * home page made of sections and its own "about" page, which overrides the
 * platform's. Idempotent: a page that exists (by address) is left as it is.
 * The demo shops' themes come from `demo-themes.ts` (the media and themes part).
 */

type Texts = Record<Language, TranslationInput>;

interface DemoPage {
  readonly slug: string;
  readonly sortOrder: number;
  readonly showInFooter: boolean;
  readonly translations: Texts;
  readonly sections?: PageSection[];
}

const DEFAULT_PAGES: readonly DemoPage[] = [
  {
    slug: 'about',
    sortOrder: 10,
    showInFooter: true,
    translations: {
      en: { title: 'About us', body: '<p>This shop is part of Wizamart, the marketplace of independent Luxembourg shops.</p><p>Every order supports a local business.</p>', seoDescription: 'Who we are and what we stand for.' },
      de: { title: 'Über uns', body: '<p>Dieser Shop gehört zu Wizamart, dem Marktplatz unabhängiger Luxemburger Geschäfte.</p><p>Jede Bestellung unterstützt ein lokales Unternehmen.</p>', seoDescription: 'Wer wir sind und wofür wir stehen.' },
      fr: { title: 'À propos', body: '<p>Cette boutique fait partie de Wizamart, la place de marché des commerces indépendants du Luxembourg.</p><p>Chaque commande soutient une entreprise locale.</p>', seoDescription: 'Qui nous sommes et ce que nous défendons.' },
      lu: { title: 'Iwwer eis', body: '<p>Dëse Buttek gehéiert zu Wizamart, dem Maart vun onofhängege Lëtzebuerger Butteker.</p><p>All Bestellung ënnerstëtzt e lokale Betrib.</p>', seoDescription: 'Wien mir sinn a fir wat mir stinn.' },
    },
  },
  {
    slug: 'shipping',
    sortOrder: 20,
    showInFooter: true,
    translations: {
      en: { title: 'Shipping & returns', body: '<h2>Delivery</h2><p>We deliver in Luxembourg within 2 working days, free from €50.</p><h2>Returns</h2><p>You may return an item within 14 days of delivery.</p>' },
      de: { title: 'Versand & Rückgabe', body: '<h2>Lieferung</h2><p>Wir liefern in Luxemburg innerhalb von 2 Werktagen, ab 50 € versandkostenfrei.</p><h2>Rückgabe</h2><p>Sie können einen Artikel innerhalb von 14 Tagen nach der Lieferung zurückgeben.</p>' },
      fr: { title: 'Livraison et retours', body: '<h2>Livraison</h2><p>Nous livrons au Luxembourg en 2 jours ouvrables, gratuitement dès 50 €.</p><h2>Retours</h2><p>Vous pouvez retourner un article dans les 14 jours suivant la livraison.</p>' },
      lu: { title: 'Liwwerung a Retouren', body: '<h2>Liwwerung</h2><p>Mir liwweren zu Lëtzebuerg bannent 2 Aarbechtsdeeg, gratis vun 50 € un.</p><h2>Retouren</h2><p>Dir kënnt en Artikel bannent 14 Deeg no der Liwwerung zréckschécken.</p>' },
    },
  },
  {
    slug: 'terms',
    sortOrder: 30,
    showInFooter: true,
    translations: {
      en: { title: 'Terms and conditions', body: '<p>These terms apply to every order placed in this shop. Prices include Luxembourg VAT.</p><ol><li>The contract is made when we confirm your order.</li><li>Payment is due when you order.</li><li>Luxembourg law applies.</li></ol>' },
      de: { title: 'Allgemeine Geschäftsbedingungen', body: '<p>Diese Bedingungen gelten für jede Bestellung in diesem Shop. Die Preise enthalten die luxemburgische Mehrwertsteuer.</p><ol><li>Der Vertrag kommt mit unserer Bestellbestätigung zustande.</li><li>Die Zahlung ist bei der Bestellung fällig.</li><li>Es gilt luxemburgisches Recht.</li></ol>' },
      fr: { title: 'Conditions générales de vente', body: '<p>Ces conditions s’appliquent à toute commande passée dans cette boutique. Les prix comprennent la TVA luxembourgeoise.</p><ol><li>Le contrat est conclu lorsque nous confirmons votre commande.</li><li>Le paiement est dû à la commande.</li><li>Le droit luxembourgeois s’applique.</li></ol>' },
      lu: { title: 'Allgemeng Konditiounen', body: '<p>Dës Konditioune gëlle fir all Bestellung an dësem Buttek. D\'Präisser enthalen d\'Lëtzebuerger TVA.</p><ol><li>De Kontrakt kënnt zustane, wa mir Är Bestellung confirméieren.</li><li>Bezuelt gëtt bei der Bestellung.</li><li>Et gëllt d\'Lëtzebuerger Recht.</li></ol>' },
    },
  },
  {
    slug: 'privacy',
    sortOrder: 40,
    showInFooter: true,
    translations: {
      en: { title: 'Privacy policy', body: '<p>We use your personal data only to handle your orders and your account, as the GDPR allows.</p><p>You may download or delete your data at any time from your account.</p>' },
      de: { title: 'Datenschutzerklärung', body: '<p>Wir verwenden Ihre personenbezogenen Daten nur zur Abwicklung Ihrer Bestellungen und Ihres Kontos, wie es die DSGVO erlaubt.</p><p>Sie können Ihre Daten jederzeit in Ihrem Konto herunterladen oder löschen.</p>' },
      fr: { title: 'Politique de confidentialité', body: '<p>Nous utilisons vos données personnelles uniquement pour traiter vos commandes et votre compte, comme le permet le RGPD.</p><p>Vous pouvez télécharger ou supprimer vos données à tout moment depuis votre compte.</p>' },
      lu: { title: 'Dateschutz', body: '<p>Mir benotzen Är perséinlech Donnéeën nëmmen, fir Är Bestellungen an Äre Kont ze verwalten, sou wéi d\'DSGVO et erlaabt.</p><p>Dir kënnt Är Donnéeën ëmmer an Ärem Kont eroflueden oder läschen.</p>' },
    },
  },
  {
    slug: 'imprint',
    sortOrder: 50,
    showInFooter: true,
    translations: {
      en: { title: 'Imprint', body: '<p>Wizamart Luxembourg S.à r.l.<br>1, rue du Marché<br>L-1111 Luxembourg</p><p>RCS Luxembourg B000000 · VAT LU00000000</p>' },
      de: { title: 'Impressum', body: '<p>Wizamart Luxembourg S.à r.l.<br>1, rue du Marché<br>L-1111 Luxemburg</p><p>RCS Luxemburg B000000 · USt-IdNr. LU00000000</p>' },
      fr: { title: 'Mentions légales', body: '<p>Wizamart Luxembourg S.à r.l.<br>1, rue du Marché<br>L-1111 Luxembourg</p><p>RCS Luxembourg B000000 · TVA LU00000000</p>' },
      lu: { title: 'Impressum', body: '<p>Wizamart Luxembourg S.à r.l.<br>1, rue du Marché<br>L-1111 Lëtzebuerg</p><p>RCS Lëtzebuerg B000000 · TVA LU00000000</p>' },
    },
  },
];

const LUXE_PAGES: readonly DemoPage[] = [
  {
    slug: 'home',
    sortOrder: 0,
    showInFooter: false,
    translations: {
      en: { title: 'Luxe Boutique', seoDescription: 'Fashion and accessories, chosen with care in Luxembourg City.' },
      de: { title: 'Luxe Boutique', seoDescription: 'Mode und Accessoires, sorgfältig ausgewählt in Luxemburg-Stadt.' },
      fr: { title: 'Luxe Boutique', seoDescription: 'Mode et accessoires, choisis avec soin à Luxembourg-Ville.' },
      lu: { title: 'Luxe Boutique', seoDescription: 'Moud an Accessoiren, mat Suergfalt an der Stad ausgewielt.' },
    },
    sections: [
      {
        type: 'hero',
        heading: { en: 'The new season is here', de: 'Die neue Saison ist da', fr: 'La nouvelle saison est arrivée', lu: 'Déi nei Saison ass do' },
        subheading: {
          en: 'Fashion and accessories, chosen with care in Luxembourg City.',
          de: 'Mode und Accessoires, sorgfältig ausgewählt in Luxemburg-Stadt.',
          fr: 'Mode et accessoires, choisis avec soin à Luxembourg-Ville.',
          lu: 'Moud an Accessoiren, mat Suergfalt an der Stad ausgewielt.',
        },
        button_label: { en: 'Our story', de: 'Unsere Geschichte', fr: 'Notre histoire', lu: 'Eis Geschicht' },
        button_link: '/pages/about',
        image_id: null,
      },
      {
        type: 'rich_text',
        html: {
          en: '<h2>Visit us</h2><p>Our shop in the Grand-Rue is open Monday to Saturday. Come and try on the collection.</p>',
          de: '<h2>Besuchen Sie uns</h2><p>Unser Geschäft in der Grand-Rue ist von Montag bis Samstag geöffnet. Probieren Sie die Kollektion an.</p>',
          fr: '<h2>Venez nous voir</h2><p>Notre boutique de la Grand-Rue est ouverte du lundi au samedi. Venez essayer la collection.</p>',
          lu: '<h2>Kommt eis besichen</h2><p>Eise Buttek an der Groussgaass ass vu Méindes bis Samschdes op. Kommt d\'Kollektioun upaken.</p>',
        },
      },
    ],
  },
  {
    slug: 'about',
    sortOrder: 10,
    showInFooter: true,
    translations: {
      en: { title: 'About Luxe Boutique', body: '<p>Léa opened Luxe Boutique in 2012 in the heart of Luxembourg City.</p><p>We choose every piece ourselves, from small European workshops.</p>' },
      de: { title: 'Über Luxe Boutique', body: '<p>Léa eröffnete Luxe Boutique 2012 im Herzen von Luxemburg-Stadt.</p><p>Wir wählen jedes Stück selbst aus, bei kleinen europäischen Werkstätten.</p>' },
      fr: { title: 'À propos de Luxe Boutique', body: '<p>Léa a ouvert Luxe Boutique en 2012 au cœur de Luxembourg-Ville.</p><p>Nous choisissons chaque pièce nous-mêmes, auprès de petits ateliers européens.</p>' },
      lu: { title: 'Iwwer Luxe Boutique', body: '<p>D\'Léa huet Luxe Boutique 2012 am Häerz vun der Stad opgemaach.</p><p>Mir wielen all Stéck selwer aus, bei klenge europäeschen Atelieren.</p>' },
    },
  },
];

type Created = Omit<DemoRecord, 'source'>;

export const demo = defineDemoData(async (ctx) => {
  const db = ctx.db.withTables<CmsPagesTables>();
  const created: Created[] = [];
  // Running servers cache storefront pages: the demo tells them like a save does.
  const database = {
    db: ctx.db,
    notifier: {
      listen: () => Promise.resolve(async () => {}),
      notify: async (channel: string, payload: string) => {
        await sql`select pg_notify(${channel}, ${payload})`.execute(ctx.db);
      },
    },
  };

  const platform = await db.selectFrom('platforms').select('id').where('code', '=', ctx.platform).executeTakeFirstOrThrow();
  const defaults = PageService.forPlatform({ database }, platform.id);
  created.push(...(await seed(defaults, DEFAULT_PAGES, ctx.platform, 'default')));

  const luxe = await db.selectFrom('vendors').select('id').where('code', '=', 'luxe-boutique').executeTakeFirst();
  if (luxe) created.push(...(await seed(await PageService.forVendor({ database }, luxe.id), LUXE_PAGES, ctx.platform, 'luxe-boutique')));

  if (created.length > 0) await database.notifier.notify(CMS_PAGES_CHANGED_CHANNEL, `p:${platform.id}`);
  created.push(...(await demoThemes(ctx)));
  return created;
});

/** Creates the pages whose address is still free, published. */
async function seed(service: PageService, pages: readonly DemoPage[], platform: string, owner: string): Promise<Created[]> {
  const existing = new Set((await service.list()).map((p) => p.slug));
  const created: Created[] = [];
  for (const page of pages) {
    if (existing.has(page.slug)) continue;
    await service.create({
      slug: page.slug,
      status: 'published',
      sortOrder: page.sortOrder,
      showInFooter: page.showInFooter,
      translations: page.translations,
      sections: page.sections ?? [],
    });
    created.push({ kind: 'page', key: `${owner}/${page.slug}`, platform });
  }
  return created;
}

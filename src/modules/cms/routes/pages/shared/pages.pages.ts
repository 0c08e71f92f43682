import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { LANGUAGE_INFO, LANGUAGES } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { availableSectionTypes } from '../../../schemas/page-section.schema.ts';
import { EMPTY_PAGE_FORM, formOfPage, pageFormOf, pageInputOfForm, type PageForm } from '../../../schemas/page.schema.ts';
import type { MediaService } from '../../../services/media.service.ts';
import { chooseLanguage, RESERVED_SLUGS, SLUG_MAX_LENGTH } from '../../../services/page-input.service.ts';
import { shopAddress } from '../../../services/page-storefront.service.ts';
import type { DefaultPageView, PageDetail, PageService, PageSummary } from '../../../services/page.service.ts';

const view = { permission: 'cms.pages.view' };
const manage = { permission: 'cms.pages.manage' };
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Slug = Type.String({ maxLength: 80 });

interface PageError {
  readonly message: string;
  readonly status: number;
}

export interface PagesUi {
  /** `vendor` or `admin`: the templates' folder. */
  readonly frontend: 'vendor' | 'admin';
  /** The route prefix below the mount point: `/:vendor_code/content-pages` or `/content-pages`. */
  readonly route: string;
  /** Extra params of the route prefix (the vendor code). */
  readonly params: Record<string, ReturnType<typeof Type.String>>;
  /** The list's path as a link, without the development prefix. */
  basePath(request: FastifyRequest): string;
  service(request: FastifyRequest): Promise<PageService>;
  /** The image library for the section editor's pickers. */
  media(request: FastifyRequest, pages: PageService): MediaService;
}

/**
 * The content page screens of a back office, the same for a vendor's pages
 * and a platform's defaults: the list, the editor (per-language tabs, the
 * sections editor, Publish / Unpublish), deleting, and for vendors the
 * override of a platform default. Forms post and redirect; every refusal
 * re-renders the form with the translated error and the API's status.
 */
export async function pagesUi(r: RouterInstance, ui: PagesUi): Promise<void> {
  const t = (request: FastifyRequest, key: string, vars?: Record<string, unknown>) => request.t(`cms:pages.${key}`, vars);
  const ListParams = Type.Object(ui.params);
  const PageParams = Type.Object({ ...ui.params, id: Id });
  const SlugParams = Type.Object({ ...ui.params, slug: Slug });

  function pageError(request: FastifyRequest, error: unknown): PageError {
    return { message: formError(request, error), status: isAppError(error) ? error.status : 400 };
  }

  /** A page's title in the reader's language (with the usual fallbacks). */
  function titleOf(request: FastifyRequest, p: PageSummary): string {
    const language = chooseLanguage(Object.keys(p.titles) as Array<keyof typeof p.titles>, [request.language]);
    return (language && p.titles[language]) || p.slug;
  }

  const summaryView = (request: FastifyRequest, p: PageSummary) => ({ ...p, title: titleOf(request, p), languages: Object.keys(p.titles) });

  const crumbs = (request: FastifyRequest, ...rest: Array<{ label: string; path?: string }>) => [
    { label: t(request, 'title'), ...(rest.length > 0 ? { path: `${request.urlPrefix}${ui.basePath(request)}` } : {}) },
    ...rest,
  ];

  // ------------------------------------------------------------------ list

  r.get(ui.route, { config: view, schema: { params: ListParams } }, async (request, reply) => {
    const pages = await ui.service(request);
    const [own, defaults] = await Promise.all([pages.list(), pages.owner.vendorId !== null ? pages.defaults() : Promise.resolve([] as DefaultPageView[])]);
    const overridden = new Set(defaults.filter((d) => d.override).map((d) => d.slug));
    return reply.view(`cms/${ui.frontend}/pages/list.njk`, {
      base: ui.basePath(request),
      pages: own.map((p) => ({ ...summaryView(request, p), overrides: overridden.has(p.slug) })),
      defaults: defaults.filter((d) => !d.override).map((d) => summaryView(request, d)),
      isVendor: pages.owner.vendorId !== null,
      breadcrumbs: crumbs(request),
    });
  });

  // ------------------------------------------------------------------ editor

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    pages: PageService,
    options: { page?: PageDetail; form: PageForm; error?: PageError; deleteError?: PageError },
  ) {
    const status = options.error?.status ?? options.deleteError?.status;
    if (status) reply.status(status);
    const images = await ui.media(request, pages).images();
    const defaults = options.page && pages.owner.vendorId !== null ? await pages.defaults() : [];
    const title = options.page ? titleOf(request, options.page) : t(request, 'new');
    // A published page links to where customers see it.
    const shop =
      options.page?.status === 'published' && pages.owner.vendorId !== null
        ? await shopAddress(r.wizamart.database.db, pages.owner.vendorId, { development: r.wizamart.settings.nodeEnv !== 'production', protocol: request.protocol })
        : null;
    return reply.view(`cms/${ui.frontend}/pages/edit.njk`, {
      base: ui.basePath(request),
      page: options.page,
      form: options.form,
      error: options.error?.message,
      deleteError: options.deleteError?.message,
      // A vendor page at the address of a platform default replaces it; deleting it brings the default back.
      isOverride: options.page ? defaults.some((d) => d.slug === options.page?.slug) : false,
      isVendor: pages.owner.vendorId !== null,
      languages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_INFO[code].name })),
      editor: {
        sectionTypes: availableSectionTypes(),
        images: images.map((m) => ({ id: m.id, name: m.filename, thumb: m.variantUrls.thumb ?? m.url })),
        languages: LANGUAGES,
      },
      slugMax: SLUG_MAX_LENGTH,
      reserved: [...RESERVED_SLUGS].join(', '),
      title,
      liveUrl: shop && options.page ? `${shop}pages/${options.page.slug}` : null,
      breadcrumbs: crumbs(request, { label: title }),
    });
  }

  r.get(`${ui.route}/new`, { config: manage, schema: { params: ListParams } }, async (request, reply) =>
    renderEditor(request, reply, await ui.service(request), { form: EMPTY_PAGE_FORM }),
  );

  r.post(`${ui.route}/new`, { config: manage, schema: { params: ListParams } }, async (request, reply) => {
    const pages = await ui.service(request);
    const { form, intent } = pageFormOf(request.body);
    let id: number;
    try {
      id = (await pages.create(pageInputOfForm(form, intent))).id;
    } catch (error) {
      return renderEditor(request, reply, pages, { form, error: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, `${ui.basePath(request)}/${id}`, 'created');
  });

  r.get(`${ui.route}/:id`, { config: view, schema: { params: PageParams } }, async (request, reply) => {
    const pages = await ui.service(request);
    const page = await pages.get(request.params.id);
    return renderEditor(request, reply, pages, { page, form: formOfPage(page) });
  });

  r.post(`${ui.route}/:id`, { config: manage, schema: { params: PageParams } }, async (request, reply) => {
    const pages = await ui.service(request);
    const page = await pages.get(request.params.id);
    const { form, intent } = pageFormOf(request.body);
    try {
      await pages.update(page.id, pageInputOfForm(form, intent));
    } catch (error) {
      return renderEditor(request, reply, pages, { page, form, error: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, `${ui.basePath(request)}/${page.id}`, 'saved');
  });

  for (const [action, status] of [['publish', 'published'], ['unpublish', 'draft']] as const) {
    r.post(`${ui.route}/:id/${action}`, { config: manage, schema: { params: PageParams } }, async (request, reply) => {
      const pages = await ui.service(request);
      const page = await pages.setStatus(request.params.id, status);
      return redirectWithNotice(request, reply, `${ui.basePath(request)}/${page.id}`, 'saved');
    });
  }

  r.post(`${ui.route}/:id/delete`, { config: manage, schema: { params: PageParams } }, async (request, reply) => {
    const pages = await ui.service(request);
    const page = await pages.get(request.params.id);
    try {
      await pages.delete(page.id);
    } catch (error) {
      return renderEditor(request, reply, pages, { page, form: formOfPage(page), deleteError: pageError(request, error) });
    }
    return redirectWithNotice(request, reply, ui.basePath(request), 'deleted');
  });

  r.post(`${ui.route}/overrides/:slug`, { config: manage, schema: { params: SlugParams } }, async (request, reply) => {
    const pages = await ui.service(request);
    const copy = await pages.override(request.params.slug);
    return redirectWithNotice(request, reply, `${ui.basePath(request)}/${copy.id}`, 'created');
  });
}

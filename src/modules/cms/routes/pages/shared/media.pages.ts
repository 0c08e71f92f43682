import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formError, redirectWithNotice } from '../../../../../api/forms.ts';
import { isAppError } from '../../../../../exceptions/base.ts';
import { LANGUAGE_INFO, LANGUAGES } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { config } from '../../../config.ts';
import { MEDIA_KINDS, type MediaKind } from '../../../models/media.model.ts';
import { altFormOf } from '../../../schemas/media.schema.ts';
import type { MediaService} from '../../../services/media.service.ts';
import { ALT_MAX_LENGTH, type Media, type MediaDetail } from '../../../services/media.service.ts';
import { multipartOptions, readUploadPart } from '../../../services/media-upload.ts';
import type { UploadInput } from '../../../services/media-processing.ts';
import { describeUsages, formatBytes } from '../../../services/media-view.ts';

const manage = { permission: 'cms.media.manage' };
const VendorCode = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const ListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  kind: Type.Optional(Type.Union([Type.Enum([...MEDIA_KINDS]), Type.Literal('')])),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
});

interface PageError {
  readonly message: string;
  readonly status: number;
}

function pageError(request: FastifyRequest, error: unknown): PageError {
  return { message: formError(request, error), status: isAppError(error) ? error.status : 400 };
}

/** Where a media library's pages live, and whose library they show. */
export interface MediaPagesOptions {
  /** `vendor`: under `/vendor/:vendor_code/media`, the session's vendor; `admin`: `/admin/media`, the platform's files. */
  readonly frontend: 'vendor' | 'admin';
  readonly library: (request: FastifyRequest) => MediaService;
}

/**
 * A media library's pages: a grid of thumbnails with an upload form (drag
 * and drop, or the plain file field), and a page per file with its alt
 * texts, where it is used, and delete. A vendor's library is the session's
 * vendor's (another vendor's file id is 404); the admin's is the platform's
 * own files.
 */
export async function mediaPages(parent: RouterInstance, options: MediaPagesOptions): Promise<void> {
  const vendorPages = options.frontend === 'vendor';
  const route = vendorPages ? '/:vendor_code/media' : '/media';
  const ListParams = vendorPages ? Type.Object({ vendor_code: VendorCode }) : Type.Object({});
  const MediaParams = vendorPages ? Type.Object({ vendor_code: VendorCode, id: Id }) : Type.Object({ id: Id });
  const backOffice = (request: FastifyRequest) => (vendorPages ? `/vendor/${request.principal!.vendor!.code}` : '/admin');

  // Its own plugin: multipart parsing stays on these routes.
  await parent.register(async (instance) => {
    const r = instance as unknown as RouterInstance;
    // The upload form is read before the route's guards so that the CSRF
    // guard finds `_csrf` among the fields (a browser form cannot send it as
    // a header). The file is kept per request, cut at the size limit.
    const uploads = new WeakMap<FastifyRequest, UploadInput>();
    await r.register(multipart, {
      ...multipartOptions(),
      attachFieldsToBody: 'keyValues',
      async onFile(this: FastifyRequest, part: MultipartFile) {
        uploads.set(this, await readUploadPart(part));
      },
    });

    const service = options.library;
    const basePath = (request: FastifyRequest) => `${backOffice(request)}/media`;
    const crumbs = (request: FastifyRequest, ...rest: Array<{ label: string; path?: string }>) => [
      { label: request.t('cms:media.title'), ...(rest.length > 0 ? { path: `${request.urlPrefix}${basePath(request)}` } : {}) },
      ...rest,
    ];

    function mediaView(request: FastifyRequest, m: Media) {
      return {
        ...m,
        sizeLabel: formatBytes(m.size, LANGUAGE_INFO[request.language].tag),
        createdLabel: m.createdAt.toLocaleDateString(LANGUAGE_INFO[request.language].tag, { dateStyle: 'medium' }),
        thumbUrl: m.variantUrls.thumb ?? null,
      };
    }

    async function renderList(request: FastifyRequest, reply: FastifyReply, query: { page?: number | undefined; kind?: string | undefined }, error?: PageError) {
      if (error) reply.status(error.status);
      const kind = (MEDIA_KINDS as readonly string[]).includes(query.kind ?? '') ? (query.kind as MediaKind) : undefined;
      const library = service(request);
      const [page, totals] = await Promise.all([library.list({ page: query.page ?? 1, kind }), library.totals()]);
      const pages = Math.max(1, Math.ceil(page.total / page.perPage));
      const base = `${request.urlPrefix}${basePath(request)}`;
      const pageUrl = (n: number) => `${base}?page=${n}${kind ? `&kind=${kind}` : ''}`;
      return reply.view('cms/vendor/media/list.njk', {
        base: basePath(request),
        items: page.items.map((m) => mediaView(request, m)),
        kind: kind ?? '',
        kinds: MEDIA_KINDS.map((k) => ({ value: k, label: request.t(`cms:media.kinds.${k}`) })),
        totals: { files: totals.files, size: formatBytes(totals.bytes, LANGUAGE_INFO[request.language].tag) },
        maxUploadMb: config.maxUploadMb,
        error: error?.message,
        pager: {
          page: page.page,
          pages,
          total: page.total,
          from: page.total === 0 ? 0 : (page.page - 1) * page.perPage + 1,
          to: Math.min(page.page * page.perPage, page.total),
          prevUrl: page.page > 1 ? pageUrl(page.page - 1) : null,
          nextUrl: page.page < pages ? pageUrl(page.page + 1) : null,
        },
        breadcrumbs: crumbs(request),
      });
    }

    r.get(route, { config: manage, schema: { params: ListParams, querystring: ListQuery } }, async (request, reply) =>
      renderList(request, reply, request.query),
    );

    r.post(route, { config: manage, schema: { params: ListParams } }, async (request, reply) => {
      let media: MediaDetail;
      try {
        const upload = uploads.get(request);
        media = await service(request).upload(upload ?? { filename: '', body: Buffer.alloc(0), maxMb: config.maxUploadMb });
      } catch (error) {
        return renderList(request, reply, {}, pageError(request, error));
      }
      return redirectWithNotice(request, reply, `${basePath(request)}/${media.id}`, 'created');
    });

    // ------------------------------------------------------------------ one file

    type DetailErrors = { alt?: PageError; delete?: PageError };

    function renderDetail(request: FastifyRequest, reply: FastifyReply, media: MediaDetail, extra: { errors?: DetailErrors; alt?: Record<string, string> } = {}) {
      const errors = extra.errors ?? {};
      const status = errors.alt?.status ?? errors.delete?.status;
      if (status) reply.status(status);
      const alt = extra.alt ?? media.alt;
      return reply.view('cms/vendor/media/detail.njk', {
        base: basePath(request),
        media: mediaView(request, media),
        languages: LANGUAGES.map((l) => ({ code: l, label: LANGUAGE_INFO[l].name, value: (alt as Record<string, string | undefined>)[l] ?? '' })),
        altMax: ALT_MAX_LENGTH,
        usages: describeUsages(request, media.usages, backOffice(request)),
        absoluteUrl: `${request.protocol}://${request.host}${media.url}`,
        errors: { alt: errors.alt?.message, delete: errors.delete?.message },
        breadcrumbs: crumbs(request, { label: media.filename }),
      });
    }

    r.get(`${route}/:id`, { config: manage, schema: { params: MediaParams } }, async (request, reply) =>
      renderDetail(request, reply, await service(request).get(request.params.id)),
    );

    r.post(`${route}/:id`, { config: manage, schema: { params: MediaParams } }, async (request, reply) => {
      const library = service(request);
      const media = await library.get(request.params.id);
      const alt = altFormOf(request.body);
      try {
        await library.updateAlt(media.id, alt);
      } catch (error) {
        return renderDetail(request, reply, media, { errors: { alt: pageError(request, error) }, alt });
      }
      return redirectWithNotice(request, reply, `${basePath(request)}/${media.id}`, 'saved');
    });

    r.post(`${route}/:id/delete`, { config: manage, schema: { params: MediaParams } }, async (request, reply) => {
      const library = service(request);
      const media = await library.get(request.params.id);
      try {
        await library.delete(media.id);
      } catch (error) {
        return renderDetail(request, reply, media, { errors: { delete: pageError(request, error) } });
      }
      return redirectWithNotice(request, reply, basePath(request), 'deleted');
    });
  });
}

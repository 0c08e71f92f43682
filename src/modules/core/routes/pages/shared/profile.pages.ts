import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../../../../api/auth/auth-api.routes.ts';
import { field, formError, redirectWithNotice } from '../../../../../api/forms.ts';
import type { Principal } from '../../../../../core/auth/principal.ts';
import { AppError } from '../../../../../exceptions/base.ts';
import { FRAMEWORK_ERRORS } from '../../../../../exceptions/framework-errors.ts';
import { LANGUAGE_INFO, LANGUAGES } from '../../../../locales.ts';
import type { RouterInstance } from '../../../../routes.ts';
import { LANGUAGE_COOKIE } from '../../../../views.ts';
import { coreDb } from '../../../services/dashboard.queries.ts';
import {
  PROFILE_NAME_MAX,
  changeOwnPassword,
  endOtherSessions,
  endOwnSession,
  listOwnSessions,
  updateProfile,
  type ProfileAudience,
} from '../../../services/profile.service.ts';
import { AdminSessionParams, VendorSessionParams } from '../../../schemas/profile.schema.ts';
import { VendorPageParams } from '../../../schemas/vendor-page.schema.ts';

const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** Which of the page's three forms an error belongs to. */
type FormName = 'details' | 'password' | 'sessions';

interface PageState {
  readonly status?: number;
  readonly errors?: Partial<Record<FormName, string>>;
  readonly form?: { readonly name: string; readonly language: string };
}

/**
 * The profile page of a back office (`/admin/profile`,
 * `/vendor/:vendor_code/profile`): name and language, password change,
 * and the user's live sessions. Everything acts on the signed-in user
 * only: no route takes a user id.
 */
export async function profilePages(r: RouterInstance, audience: ProfileAudience): Promise<void> {
  const base = audience === 'vendor' ? '/:vendor_code/profile' : '/profile';
  const params = audience === 'vendor' ? VendorPageParams : undefined;
  const sessionParams = audience === 'vendor' ? VendorSessionParams : AdminSessionParams;
  const withParams = params ? { schema: { params } } : {};

  r.get(base, withParams, async (request, reply) => render(request, reply, audience, {}));

  r.post(base, withParams, async (request, reply) => {
    const principal = signedIn(request);
    const form = { name: field(request.body, 'name'), language: field(request.body, 'language') };
    try {
      const saved = await updateProfile(coreDb(request.server.wizamart.database.db), audience, principal.userId, form);
      // The account's language is also the page language from now on, on this device.
      reply.setCookie(LANGUAGE_COOKIE, saved.language, {
        path: '/',
        maxAge: LANGUAGE_COOKIE_MAX_AGE,
        sameSite: 'lax',
        httpOnly: true,
        secure: request.protocol === 'https',
      });
    } catch (error) {
      return failed(request, reply, audience, error, 'details', form);
    }
    return redirectWithNotice(request, reply, profilePath(principal), 'saved');
  });

  r.post(`${base}/password`, withParams, async (request, reply) => {
    const principal = signedIn(request);
    const change = {
      // Passwords are taken as typed: spaces may be part of them.
      current: rawField(request.body, 'current_password'),
      next: rawField(request.body, 'new_password'),
      repeat: rawField(request.body, 'new_password_repeat'),
    };
    try {
      await changeOwnPassword(request.server.wizamart.auth, principal, change, requestMeta(request, principal.vendor?.id ?? null));
    } catch (error) {
      return failed(request, reply, audience, error, 'password');
    }
    return redirectWithNotice(request, reply, profilePath(principal), 'password_changed');
  });

  r.post(`${base}/sessions/sign-out-others`, withParams, async (request, reply) => {
    const principal = signedIn(request);
    await endOtherSessions(request.server.wizamart.auth, principal);
    return redirectWithNotice(request, reply, profilePath(principal), 'sessions_ended');
  });

  r.post(`${base}/sessions/:session_id/sign-out`, { schema: { params: sessionParams } }, async (request, reply) => {
    const principal = signedIn(request);
    try {
      await endOwnSession(request.server.wizamart.auth, principal, (request.params as { session_id: string }).session_id);
    } catch (error) {
      return failed(request, reply, audience, error, 'sessions');
    }
    return redirectWithNotice(request, reply, profilePath(principal), 'removed');
  });
}

/** Protected routes always have a principal; this narrows the type. */
function signedIn(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError(FRAMEWORK_ERRORS.AUTH_REQUIRED);
  return request.principal;
}

function profilePath(principal: Principal): string {
  return principal.audience === 'vendor' && principal.vendor ? `/vendor/${encodeURIComponent(principal.vendor.code)}/profile` : `/${principal.audience}/profile`;
}

function rawField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

async function failed(request: FastifyRequest, reply: FastifyReply, audience: ProfileAudience, error: unknown, form: FormName, values?: PageState['form']): Promise<FastifyReply> {
  const message = formError(request, error);
  return render(request, reply, audience, { status: (error as AppError).status, errors: { [form]: message }, ...(values ? { form: values } : {}) });
}

async function render(request: FastifyRequest, reply: FastifyReply, audience: ProfileAudience, state: PageState): Promise<FastifyReply> {
  const principal = signedIn(request);
  const sessions = await listOwnSessions(request.server.wizamart.auth, principal, request.language);
  const path = profilePath(principal);
  if (state.status) reply.status(state.status);
  return reply.view('core/shared/profile.njk', {
    audience,
    profilePath: path,
    form: state.form ?? { name: principal.name, language: principal.language },
    errors: state.errors ?? {},
    nameMax: PROFILE_NAME_MAX,
    languageOptions: LANGUAGES.map((code) => LANGUAGE_INFO[code]),
    sessions,
    otherSessions: sessions.filter((s) => !s.current).length,
    breadcrumbs: [{ label: request.t('core:menu.profile') }],
  });
}

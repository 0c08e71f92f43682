import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/app-context.ts';
import type { RequestMeta, TokenPair } from '../../core/auth/auth-service.ts';
import { AUDIENCES, type Audience } from '../../core/auth/principal.ts';
import { authenticate, signInRateLimit } from '../../middleware/auth.ts';
import { storefrontGate } from '../../modules/routes.ts';
import { errorResponses } from '../schemas.ts';
import { AUDIENCE_ROUTES } from './audiences.ts';
import { sendPasswordResetMail } from './password-reset-mail.ts';

const Email = Type.String({ format: 'email', maxLength: 320 });
const Password = Type.String({ minLength: 1, maxLength: 200 });

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
});

const Me = Type.Object({
  id: Type.String(),
  audience: Type.String(),
  email: Type.String(),
  name: Type.String(),
  language: Type.String(),
  role: Type.String(),
  platforms: Type.Optional(Type.Union([Type.Literal('all'), Type.Array(Type.String())])),
  vendor: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), platform: Type.String() })),
  permissions: Type.Array(Type.String()),
});

const Accepted = Type.Object({ message: Type.String() });

function tokenBody(pair: TokenPair) {
  return { access_token: pair.accessToken, refresh_token: pair.refreshToken, token_type: 'bearer' as const, expires_in: pair.expiresIn };
}

export function requestMeta(request: FastifyRequest, vendorId?: number | null): RequestMeta {
  const agent = request.headers['user-agent'];
  return { platform: request.platform.code, vendorId: vendorId ?? request.vendor?.id ?? null, userAgent: agent, ip: request.ip };
}

/**
 * The sign-in API of every audience a module provides users for:
 * `POST /api/v1/<frontend>/auth/login` and `/refresh`, `/logout`, `/me`,
 * `/password` (change) and `/password-reset` (+ `/confirm`). Sign-in and
 * reset are rate-limited per IP; failures never say whether the account
 * exists.
 */
export function registerAuthApi(app: FastifyInstance, ctx: AppContext): void {
  for (const audience of AUDIENCES) {
    if (ctx.auth.supports(audience)) registerAudience(app, ctx, audience);
  }
}

function registerAudience(app: FastifyInstance, ctx: AppContext, audience: Audience): void {
  const { auth } = ctx;
  const signedIn = authenticate(auth, audience, { mode: 'api' });
  const tags = ['auth'];
  const bearer = [{ bearerAuth: [] }];
  const vendorBound = audience === 'vendor';

  void app.register(
    async (r) => {
      // Customers sign in to one shop: its host (or development prefix) names it.
      if (audience === 'customer') r.addHook('onRequest', storefrontGate);
      r.post(
        '/login',
        {
          config: signInRateLimit(ctx.settings),
          schema: {
            tags,
            summary: `Sign in (${audience}): an access token and a refresh token`,
            body: Type.Object({
              email: Email,
              password: Password,
              ...(vendorBound ? { vendor_code: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Needed when the account belongs to several vendors' })) } : {}),
            }),
            response: { 200: TokenResponse, ...errorResponses(400, 401, 429) },
          },
        },
        async (request) => {
          const body = request.body as { email: string; password: string; vendor_code?: string };
          const meta = requestMeta(request);
          const account = await auth.verifyCredentials(audience, body.email, body.password, meta);
          const vendorId = vendorBound ? (await auth.chooseVendor(audience, account, body.vendor_code, meta)).id : meta.vendorId;
          return tokenBody(await auth.issue(audience, account.userId, { ...meta, vendorId: vendorId ?? null }));
        },
      );

      r.post(
        '/refresh',
        {
          config: signInRateLimit(ctx.settings),
          schema: {
            tags,
            summary: 'A new token pair for a refresh token (which stops working)',
            body: Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 200 }) }),
            response: { 200: TokenResponse, ...errorResponses(400, 401, 429) },
          },
        },
        async (request) => tokenBody(await auth.refresh(audience, (request.body as { refresh_token: string }).refresh_token)),
      );

      r.post(
        '/logout',
        { preHandler: signedIn, schema: { tags, summary: 'End this session', security: bearer, response: { 204: Type.Null(), ...errorResponses(401) } } },
        async (request, reply) => {
          await auth.signOut(request.principal!.sessionId);
          return reply.status(204).send();
        },
      );

      r.get(
        '/me',
        { preHandler: signedIn, schema: { tags, summary: 'The signed-in user and what they may do here', security: bearer, response: { 200: Me, ...errorResponses(401) } } },
        async (request) => {
          const p = request.principal!;
          return {
            id: p.id,
            audience: p.audience,
            email: p.email,
            name: p.name,
            language: p.language,
            role: p.role,
            ...(p.platforms ? { platforms: p.platforms === 'all' ? ('all' as const) : [...p.platforms] } : {}),
            ...(p.vendor ? { vendor: { ...p.vendor } } : {}),
            permissions: [...p.permissions].sort(),
          };
        },
      );

      r.post(
        '/password',
        {
          preHandler: signedIn,
          schema: {
            tags,
            summary: 'Change the password (other sessions end)',
            security: bearer,
            body: Type.Object({ current_password: Password, new_password: Password }),
            response: { 204: Type.Null(), ...errorResponses(400, 401) },
          },
        },
        async (request, reply) => {
          const body = request.body as { current_password: string; new_password: string };
          const p = request.principal!;
          await auth.changePassword(audience, p.userId, body.current_password, body.new_password, { ...requestMeta(request), keepSession: p.sessionId });
          return reply.status(204).send();
        },
      );

      r.post(
        '/password-reset',
        {
          config: signInRateLimit(ctx.settings),
          schema: {
            tags,
            summary: 'Mail a password reset link (the answer is the same whether or not the account exists)',
            body: Type.Object({ email: Email }),
            response: { 202: Accepted, ...errorResponses(400, 429) },
          },
        },
        async (request, reply) => {
          const started = await auth.startPasswordReset(audience, (request.body as { email: string }).email, requestMeta(request));
          if (started) await sendPasswordResetMail(ctx, request, audience, started.account, started.token);
          return reply.status(202).send({ message: request.t('common:auth.reset_sent') });
        },
      );

      r.post(
        '/password-reset/confirm',
        {
          config: signInRateLimit(ctx.settings),
          schema: {
            tags,
            summary: 'Set a new password with the token from the mail (every session ends)',
            body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Password }),
            response: { 204: Type.Null(), ...errorResponses(400, 429) },
          },
        },
        async (request, reply) => {
          const body = request.body as { token: string; password: string };
          await auth.completePasswordReset(audience, body.token, body.password, requestMeta(request));
          return reply.status(204).send();
        },
      );
    },
    { prefix: AUDIENCE_ROUTES[audience].api },
  );
}

import { SignJWT, jwtVerify, errors } from 'jose';
import type { Audience } from './principal.ts';

const ISSUER = 'wizamart';
const ALGORITHM = 'HS256';

/** What an access token says: whose session it is. Permissions are looked up per request, so a role change applies at once. */
export interface AccessClaims {
  readonly audience: Audience;
  readonly userId: number;
  readonly sessionId: string;
  readonly vendorId: number | null;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export type TokenProblem = 'expired' | 'invalid';

export class AccessTokenError extends Error {
  readonly problem: TokenProblem;
  constructor(problem: TokenProblem) {
    super(problem === 'expired' ? 'access token expired' : 'access token invalid');
    this.problem = problem;
  }
}

/** Signs and checks short-lived access tokens (JWT, HS256, via jose). */
export class AccessTokens {
  readonly #key: Uint8Array;
  readonly ttlSeconds: number;

  constructor(secret: string, ttlSeconds: number) {
    this.#key = new TextEncoder().encode(secret);
    this.ttlSeconds = ttlSeconds;
  }

  async sign(claims: Omit<AccessClaims, 'expiresAt'>): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ sid: claims.sessionId, ...(claims.vendorId ? { vnd: claims.vendorId } : {}) })
      .setProtectedHeader({ alg: ALGORITHM })
      .setIssuer(ISSUER)
      .setAudience(claims.audience)
      .setSubject(String(claims.userId))
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { token, expiresAt };
  }

  /** Verifies signature, issuer, audience and expiry; throws AccessTokenError. */
  async verify(token: string, audience: Audience): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, audience, algorithms: [ALGORITHM] });
      const userId = Number(payload.sub);
      if (!Number.isInteger(userId) || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') throw new AccessTokenError('invalid');
      return {
        audience,
        userId,
        sessionId: payload.sid,
        vendorId: typeof payload.vnd === 'number' ? payload.vnd : null,
        expiresAt: payload.exp,
      };
    } catch (error) {
      if (error instanceof AccessTokenError) throw error;
      throw new AccessTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
  }
}

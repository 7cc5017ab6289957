import { createHmac, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** The one algorithm access tokens are signed and accepted with. */
const ALGORITHM = 'HS256';
/**
 * The same on every instance, whatever its port or PUBLIC_URL: any instance
 * that shares SECRET_KEY and the database accepts the tokens of the others.
 * Trust comes from the key, not from this name.
 */
export const ACCESS_TOKEN_ISSUER = 'staykeep';
export const ACCESS_TOKEN_AUDIENCE = 'staykeep-api';
const ACCESS_TOKEN_TYPE = 'access';
const VERIFIED_CACHE_SIZE = 10_000;

export interface AccessTokenClaims {
  userId: string;
}

export class TokenSigner {
  readonly #key: Uint8Array;
  readonly #ttlSeconds: number;
  /**
   * Tokens whose signature was already checked, until they expire. A valid
   * signature stays valid, so this changes no answer; it spares the HMAC and
   * the parsing on every request of a session.
   */
  readonly #verified = new Map<string, { userId: string; expiresAt: number }>();

  constructor(options: { secretKey: string; ttlSeconds: number }) {
    // A key of its own for access tokens, derived so SECRET_KEY can serve other purposes too.
    this.#key = createHmac('sha256', options.secretKey).update('staykeep access token v1').digest();
    this.#ttlSeconds = options.ttlSeconds;
  }

  #remember(token: string, userId: string, expiresAt: number): void {
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.#verified.keys().next().value;
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(token, { userId, expiresAt });
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  sign(claims: AccessTokenClaims, now: Date): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ typ: ACCESS_TOKEN_TYPE })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(claims.userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.#ttlSeconds)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(this.#key);
  }

  /** The claims of a valid access token, or null for anything else (forged, expired, other audience…). */
  async verify(token: string, now: Date): Promise<AccessTokenClaims | null> {
    const known = this.#verified.get(token);
    if (known) {
      if (known.expiresAt > now.getTime()) return { userId: known.userId };
      this.#verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: now,
      });
      if (payload.typ !== ACCESS_TOKEN_TYPE || typeof payload.sub !== 'string') return null;
      this.#remember(token, payload.sub, (payload.exp ?? 0) * 1000);
      return { userId: payload.sub };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }
}

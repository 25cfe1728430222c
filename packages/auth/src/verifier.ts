import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { principalFromClaims } from './claims.ts';
import { type AccessTokenVerifier, AuthTokenError, type Principal } from './principal.ts';

export interface VerifierOptions {
  /** `iss` every token must carry: `<project or API url>/auth/v1`. */
  issuer: string;
  audience?: string;
  /** Asymmetric keys: a project's remote JWKS, or the local auth server's key set. */
  keys?: JWTVerifyGetKey;
  /** Legacy HS256 project secret; HS256 tokens are refused when it is not configured. */
  hs256Secret?: string;
  clockToleranceSeconds?: number;
  /** The clock `exp` and `nbf` are checked against (tests move it). */
  now?: () => Date;
  /** Verified tokens kept (see `VerifiedTokenCache`); `false` verifies every call. */
  cache?: { maxTokens?: number; maxAgeMs?: number } | false;
}

// Pinned: whatever a token's header claims, only these algorithms are ever tried.
const ASYMMETRIC_ALGORITHMS = ['ES256', 'RS256'];

/** Verifies Supabase access tokens: signature, algorithm, `exp`, `nbf`, `iss`, `aud`. */
export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const secret = options.hs256Secret ? new TextEncoder().encode(options.hs256Secret) : undefined;
  const claimsOptions = () => ({
    issuer: options.issuer,
    audience: options.audience ?? 'authenticated',
    clockTolerance: options.clockToleranceSeconds ?? 5,
    requiredClaims: ['exp', 'sub'],
    currentDate: options.now?.(),
  });
  const verify = async (token: string): Promise<Principal> => {
    const alg = headerAlgorithm(token);
    let payload: JWTPayload;
    try {
      if (alg === 'HS256') {
        if (!secret) throw new AuthTokenError('algorithm', 'HS256 is not enabled');
        ({ payload } = await jwtVerify(token, secret, {
          ...claimsOptions(),
          algorithms: ['HS256'],
        }));
      } else {
        if (!options.keys) throw new AuthTokenError('algorithm', `${alg} is not enabled`);
        ({ payload } = await jwtVerify(token, options.keys, {
          ...claimsOptions(),
          algorithms: ASYMMETRIC_ALGORITHMS,
        }));
      }
    } catch (error) {
      throw toAuthTokenError(error);
    }
    return principalFromClaims(payload);
  };
  if (options.cache === false) return { verify };
  const cache = new VerifiedTokenCache(verify, { ...options.cache, now: options.now });
  return { verify: (token) => cache.verify(token) };
}

/**
 * Tokens that passed verification, so a client sending the same access token on every call (a
 * browser does, for up to an hour) pays the signature check once a minute rather than on every
 * request — as PostgREST's `jwt-cache-max-lifetime` does. A hit is exactly what verifying again
 * would answer: a token's signature, issuer and audience do not change, and its `exp` is checked
 * on every hit against the same clock; `nbf` was already past. What a hit can outlive is a key
 * withdrawn from the project's JWKS, by at most `maxAgeMs` (default one minute) beyond the
 * 10 minutes jose keeps the key set anyway. Refusals are not kept. Concurrent calls with the same
 * new token share one verification (lru-cache's `fetch`).
 */
class VerifiedTokenCache {
  readonly #principals: LRUCache<string, Principal>;
  readonly #now: () => Date;

  constructor(
    verify: (token: string) => Promise<Principal>,
    options: { maxTokens?: number; maxAgeMs?: number; now?: (() => Date) | undefined },
  ) {
    this.#now = options.now ?? (() => new Date());
    const maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#principals = new LRUCache<string, Principal>({
      max: options.maxTokens ?? 10_000,
      ttl: maxAgeMs,
      fetchMethod: async (token, _stale, { options: entry }) => {
        const principal = deepFreeze(await verify(token));
        // Kept no longer than the token is valid, even if the clock runs slower than `ttl`'s.
        entry.ttl = Math.max(1, Math.min(maxAgeMs, this.#msLeft(principal)));
        return principal;
      },
    });
  }

  async verify(token: string): Promise<Principal> {
    let principal = await this.#principals.fetch(token);
    if (principal && this.#msLeft(principal) <= 0) {
      // Expired since it was kept: verifying again gives the refusal with its reason.
      this.#principals.delete(token);
      principal = await this.#principals.fetch(token);
    }
    if (!principal) throw new AuthTokenError('malformed');
    return principal;
  }

  #msLeft(principal: Principal): number {
    const exp = principal.claims.exp;
    return typeof exp === 'number' ? exp * 1000 - this.#now().getTime() : 0;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A Supabase project's JWKS, cached by jose and refetched when a token names an unknown `kid`. */
export function remoteProjectKeys(supabaseUrl: string): JWTVerifyGetKey {
  const url = new URL('auth/v1/.well-known/jwks.json', withSlash(supabaseUrl));
  return createRemoteJWKSet(url, { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
}

export function projectIssuer(baseUrl: string): string {
  return new URL('auth/v1', withSlash(baseUrl)).toString();
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function headerAlgorithm(token: string): string {
  try {
    const { alg } = decodeProtectedHeader(token);
    if (typeof alg !== 'string') throw new AuthTokenError('malformed', 'no alg');
    return alg;
  } catch (error) {
    if (error instanceof AuthTokenError) throw error;
    throw new AuthTokenError('malformed', 'undecodable header');
  }
}

function toAuthTokenError(error: unknown): AuthTokenError {
  if (error instanceof AuthTokenError) return error;
  if (error instanceof errors.JWTExpired) return new AuthTokenError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new AuthTokenError('not_yet_valid');
    if (error.claim === 'iss') return new AuthTokenError('issuer');
    if (error.claim === 'aud') return new AuthTokenError('audience');
    return new AuthTokenError('claims', `claim ${error.claim}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthTokenError('algorithm');
  if (error instanceof errors.JWKSNoMatchingKey) return new AuthTokenError('unknown_key');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthTokenError('signature');
  if (error instanceof errors.JOSEError) return new AuthTokenError('malformed', error.code);
  throw error;
}

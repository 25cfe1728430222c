import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { principalFromClaims } from './claims.ts';
import { type AccessTokenVerifier, AuthTokenError } from './principal.ts';

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
  return {
    async verify(token) {
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
    },
  };
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

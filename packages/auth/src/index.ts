export { type AuthEnv, loadAuthEnv } from './env.ts';
export { AuthApiError, type AuthErrorCode } from './local/auth-api-error.ts';
export type { AuthHttpRequest, AuthHttpResponse } from './local/local-auth.http.ts';
export type { SessionJson } from './local/local-auth.service.ts';
export { createLocalAuth, type LocalAuth } from './local/local-auth.ts';
export {
  generateSigningKey,
  loadOrCreateSigningKey,
  type SigningKey,
} from './local/signing-key.ts';
export { type AccessTokenVerifier, AuthTokenError, type Principal } from './principal.ts';
export {
  createAccessTokenVerifier,
  projectIssuer,
  remoteProjectKeys,
  type VerifierOptions,
} from './verifier.ts';
